import { Box, Button, Menu } from '@mantine/core';
import { IconMenu2 } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * The main navigation folded into one menu on screens too narrow for the row of links (a staff
 * account has up to six). Its own chunk: players never download the menu (it needs floating-ui).
 */
export function StaffNavMenu({ items }: { items: { to: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        {/* on a phone the icon alone (the header's controls need the room); its name stays "Menu" */}
        <Button
          size="xs"
          variant="subtle"
          aria-label={t('nav.menu')}
          leftSection={<IconMenu2 size={16} aria-hidden />}
          styles={{ section: { marginInlineEnd: 'var(--ttx-menu-gap, 6px)' } }}
          className="ttx-staff-menu"
        >
          <Box component="span" visibleFrom="sm">
            {t('nav.menu')}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown component="nav" aria-label={t('nav.main')}>
        {items.map((item) => (
          <Menu.Item key={item.to} component={NavLink} to={item.to}>
            {item.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
