import { createTheme, type CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Toaster } from '../components/toaster';
import './contrast.css';
import { createQueryClient } from '../lib/query-client';

// system fonts only: the platform runs on air-gapped networks
const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  focusRing: 'auto',
  // Hangul from the system's Korean fonts (Noto Sans CJK KR on Linux, Apple SD Gothic Neo, Malgun Gothic): nothing is downloaded
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  // WCAG AA (4.5:1) for text on every surface: blue 8 links and filled buttons on white, and
  // dark text on light filled colours (yellow, green, orange badges and buttons)
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.2,
});

// Mantine's dimmed grey is 3.3:1 on white and 4.0:1 on the dark body (3.5:1 on striped rows);
// in the light scheme, "light" badges and buttons draw shade 9 on shade 1 (green 3.8:1, teal 4.3:1):
// their text is darkened to reach 4.5:1 on every colour
const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    ...Object.fromEntries(
      Object.keys(t.colors).map((c) => [
        `--mantine-color-${c}-light-color`,
        `color-mix(in srgb, var(--mantine-color-${c}-9) 65%, black)`,
      ]),
    ),
  },
  dark: { '--mantine-color-dimmed': '#a6a6a6' },
});

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <Toaster />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
