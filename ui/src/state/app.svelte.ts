// App-wide state: sync status, store, settings, counts, the outbox, the screen and the open
// order, a ticking clock and toasts. Components read it; only actions here write it.
import type { ActionView } from '../bindings/ActionView';
import type { ApprovalFinished } from '../bindings/ApprovalFinished';
import type { ApprovalView } from '../bindings/ApprovalView';
import type { Counts } from '../bindings/Counts';
import type { Settings } from '../bindings/Settings';
import type { SyncStatus } from '../bindings/SyncStatus';
import type { UserError } from '../bindings/UserError';
import { lang, setLang, t } from '../i18n/index.svelte';
import { ipc } from '../ipc';
import { moneyLocale, formatMoney } from '../lib/money';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { undo } from './undo.svelte';

export type Screen = 'orders' | 'summary' | 'settings';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error' | 'success';
}

class AppState {
  sync = $state<SyncStatus | null>(null);
  settings = $state<Settings>(structuredClone(DEFAULT_SETTINGS));
  counts = $state<Counts | null>(null);
  queue = $state<ActionView[]>([]);
  now = $state(Date.now());
  screen = $state<Screen>('orders');
  openId = $state<string | null>(null);
  queueOpen = $state(false);
  toasts = $state<Toast[]>([]);
  /** "Esperando la aprobación en el navegador…": the WordPress approval being waited for. */
  wooApproval = $state<ApprovalView | null>(null);
  /** Bumped when an order changed, so an open detail reloads. */
  changed = $state({ ids: [] as string[], all: false, n: 0 });
  reloading = $state(false);
  /** Counter-PC layout (≥ 1024 px): list and detail side by side. */
  wide = $state(typeof window !== 'undefined' && window.matchMedia('(min-width: 1024px)').matches);
  private toastSeq = 0;

  /** "Recargar" and pull-to-refresh: pull now and flush the queue once. */
  async reload(): Promise<void> {
    if (this.reloading) return;
    this.reloading = true;
    try {
      this.setSync(await ipc.syncNow());
    } catch (err) {
      this.error(err);
    } finally {
      this.reloading = false;
    }
  }

  get store() {
    return this.sync?.store ?? null;
  }

  get moneyLocale() {
    return moneyLocale(this.store?.locale);
  }

  money(minor: number, currency?: string): string {
    return formatMoney(minor, currency ?? this.store?.currency ?? 'MXN', this.moneyLocale);
  }

  toast(text: string, kind: Toast['kind'] = 'info', ms = 4500): void {
    const id = ++this.toastSeq;
    this.toasts = [...this.toasts.slice(-2), { id, text, kind }];
    setTimeout(() => this.dismissToast(id), ms);
  }

  dismissToast(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  error(err: unknown): void {
    const e = err as UserError;
    this.toast(e?.message ?? String(err), 'error', 7000);
  }

  async refreshCounts(): Promise<void> {
    try {
      this.counts = await ipc.counts();
    } catch (err) {
      this.error(err);
    }
  }

  async refreshQueue(): Promise<void> {
    try {
      this.queue = await ipc.outbox();
      undo.restore(this.queue);
    } catch (err) {
      this.error(err);
    }
  }

  /** A mostrador:// link came back from WordPress: stop waiting and say how it went. */
  approvalFinished(f: ApprovalFinished): void {
    this.wooApproval = null;
    if (f.connected) this.toast(t('settings.woo_approved', { url: f.store_url }), 'success', 7000);
    else this.toast(t('settings.woo_approval_failed', { reason: lang() === 'en' ? f.message_en : f.message }), 'error', 10000);
  }

  setSync(status: SyncStatus): void {
    const before = this.sync;
    this.sync = status;
    if (!before || before.pending_actions !== status.pending_actions || before.failed_actions !== status.failed_actions) {
      void this.refreshQueue();
    }
  }

  applySettings(s: Settings): void {
    this.settings = s;
    setLang(s.language);
    applyTheme(s.theme);
  }

  async saveSettings(next: Settings): Promise<void> {
    const previous = this.settings;
    this.applySettings(next);
    try {
      this.applySettings(await ipc.setSettings($state.snapshot(next) as Settings));
    } catch (err) {
      this.applySettings(previous);
      this.error(err);
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

export const app = new AppState();
