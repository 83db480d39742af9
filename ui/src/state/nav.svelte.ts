// Where the owner is: the screen, the open order (both follow the hash route, state/router.ts)
// and whether the window is wide enough for the list and the order side by side.
export type Screen = 'orders' | 'summary' | 'settings';

class Nav {
  screen = $state<Screen>('orders');
  openId = $state<string | null>(null);
  /** Counter-PC layout (≥ 1024 px): list and detail side by side. */
  wide = $state(typeof window !== 'undefined' && window.matchMedia('(min-width: 1024px)').matches);

  /** Follows the window's width; returns the stop function. */
  watchWidth(): () => void {
    const media = window.matchMedia('(min-width: 1024px)');
    const onMedia = () => (this.wide = media.matches);
    media.addEventListener('change', onMedia);
    return () => media.removeEventListener('change', onMedia);
  }
}

export const nav = new Nav();
