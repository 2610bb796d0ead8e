import { Typography } from '@mantine/core';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';

const components: Components = {
  // links in injects may be bait (phishing drills): make the destination visible and never leak the referrer
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" title={href}>
      {children}
    </a>
  ),
  // remote images would be outbound calls from an air-gapped network
  img: ({ alt }) => <span>[image: {alt || 'no description'}]</span>,
};

/** Untrusted markdown (inject bodies, player responses) rendered through a sanitiser; never raw HTML. */
export function Markdown({ children }: { children: string }) {
  return (
    <Typography p={0} className="ttx-markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} components={components}>
        {children}
      </ReactMarkdown>
    </Typography>
  );
}
