/** The Ant Design theme of the county console and the platform console. */
/** Ant Design's default greys are too light for WCAG AA on its grey page background. */
export const THEME = {
  token: {
    colorPrimary: '#1d4fa3',
    colorLink: '#1d4fa3',
    // Hovered and pressed links and buttons go darker, never lighter: a pointer resting on
    // one must not drop its text below AA (Ant Design derives lighter hover shades).
    colorLinkHover: '#163d80',
    colorLinkActive: '#122f63',
    colorPrimaryHover: '#163d80',
    colorPrimaryActive: '#122f63',
    colorPrimaryTextHover: '#163d80',
    colorPrimaryTextActive: '#122f63',
    colorInfo: '#1d4fa3',
    // Status colours dark enough for their text on their light tints (tags, alerts).
    colorError: '#b42318',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorSuccessBg: '#f0f9eb',
    colorWarningBg: '#fff7e6',
    colorErrorBg: '#fff1f0',
    colorInfoBg: '#e8eef8',
    colorTextSecondary: '#4e5969',
    colorTextTertiary: '#5c6470',
    colorTextDescription: '#4e5969',
    colorTextPlaceholder: '#6b7280',
    borderRadius: 6,
    fontFamily: 'var(--butler-font)',
  },
} as const;
