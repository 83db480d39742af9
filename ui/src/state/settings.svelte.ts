// The owner's settings: the defaults (generated from the core's `Settings::default()`) until
// the shell answers, then the saved ones; and the settings' own commands (counter mode,
// autostart, the alarm and printer tests).
import type { Settings } from '../bindings/Settings';
import { DEFAULT_SETTINGS } from '../bindings/defaults';
import { setLang } from '../i18n/index.svelte';
import { ipc } from '../ipc';
import { toasts } from './toasts.svelte';

class SettingsState {
  value = $state<Settings>(structuredClone(DEFAULT_SETTINGS));

  apply(s: Settings): void {
    this.value = s;
    setLang(s.language);
    applyTheme(s.theme);
  }

  async load(): Promise<void> {
    try {
      this.apply(await ipc.getSettings());
    } catch (err) {
      toasts.error(err);
    }
  }

  /** Saves at once on screen; back to what was saved when the core refuses. */
  async save(next: Settings): Promise<void> {
    const previous = this.value;
    this.apply(next);
    try {
      this.apply(await ipc.setSettings($state.snapshot(next) as Settings));
    } catch (err) {
      this.apply(previous);
      toasts.error(err);
    }
  }

  /** Saves the current settings with `patch` applied. */
  patch(patch: Partial<Settings>): Promise<void> {
    return this.save({ ...($state.snapshot(this.value) as Settings), ...patch });
  }

  /** Modo mostrador on or off; the core picks what goes with it (Settings::with_counter_mode). */
  async setCounterMode(on: boolean): Promise<void> {
    try {
      this.apply(await ipc.setCounterMode(on));
    } catch (err) {
      toasts.error(err);
    }
  }

  async setAutostart(on: boolean): Promise<void> {
    try {
      this.apply(await ipc.setAutostart(on));
    } catch (err) {
      toasts.error(err);
    }
  }

  testAlarm(): void {
    void ipc.testAlarm(this.value.alarm_sound, this.value.alarm_volume).catch((e) => toasts.error(e));
  }

  /** Prints a test slip; rejects with the owner's reason (a UserError) when it did not print. */
  printTest(): Promise<null> {
    return ipc.printTest();
  }

  /** The name sent as Device-Name: the setting, else the host name (empty when unknown). */
  async deviceName(): Promise<string> {
    try {
      return (await ipc.deviceName()) ?? '';
    } catch {
      return '';
    }
  }
}

let systemDark: MediaQueryList | null = null;

/** Light, dark or the system's, as a data attribute the CSS keys on. */
export function applyTheme(theme: Settings['theme']): void {
  if (typeof document === 'undefined') return;
  systemDark ??= window.matchMedia('(prefers-color-scheme: dark)');
  const dark = theme === 'dark' || (theme === 'system' && systemDark.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
}

export const settings = new SettingsState();
