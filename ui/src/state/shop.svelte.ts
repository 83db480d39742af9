// The connection to the shop: the sync status (with the store as the last sync saw it), money
// in the store's currency and locale, "Recargar", and connecting or disconnecting.
import type { ApprovalFinished } from '../bindings/ApprovalFinished';
import type { ApprovalView } from '../bindings/ApprovalView';
import type { PlatformKind } from '../bindings/PlatformKind';
import type { SyncStatus } from '../bindings/SyncStatus';
import { lang, t } from '../i18n/index.svelte';
import { ipc } from '../ipc';
import { formatMoney, moneyLocale } from '../lib/money';
import { outbox } from './outbox.svelte';
import { toasts } from './toasts.svelte';

class Shop {
  status = $state<SyncStatus | null>(null);
  reloading = $state(false);
  /** "Esperando la aprobación en el navegador…": the WordPress approval being waited for. */
  wooApproval = $state<ApprovalView | null>(null);

  get store() {
    return this.status?.store ?? null;
  }

  get moneyLocale() {
    return moneyLocale(this.store?.locale);
  }

  money(minor: number, currency?: string): string {
    return formatMoney(minor, currency ?? this.store?.currency ?? 'MXN', this.moneyLocale);
  }

  /** A new status (an answer or sync://status); the queue is reloaded when its counts moved. */
  set(status: SyncStatus): void {
    const before = this.status;
    this.status = status;
    if (!before || before.pending_actions !== status.pending_actions || before.failed_actions !== status.failed_actions) {
      void outbox.refresh();
    }
  }

  async refresh(): Promise<void> {
    try {
      this.set(await ipc.syncStatus());
    } catch (err) {
      toasts.error(err);
    }
  }

  /** "Recargar" and pull-to-refresh: pull now and flush the queue once. */
  async reload(): Promise<void> {
    if (this.reloading) return;
    this.reloading = true;
    try {
      this.set(await ipc.syncNow());
    } catch (err) {
      toasts.error(err);
    } finally {
      this.reloading = false;
    }
  }

  /**
   * Connects to a shop (`key` is WooCommerce's consumer key, empty otherwise); rejects with the
   * owner's reason (a UserError) when the shop refuses.
   */
  async connect(platform: PlatformKind, url: string, key: string, secret: string): Promise<void> {
    this.set(platform === 'orders_api' ? await ipc.connect(url, secret) : await ipc.connectPlatform(platform, url, key, secret));
  }

  /** The approval a previous run was waiting for (the link may start the app). */
  async loadWooApproval(): Promise<void> {
    try {
      this.wooApproval = await ipc.wooApproval();
    } catch {
      this.wooApproval = null;
    }
  }

  /** "Conectar con WordPress": opens the approval page; rejects with the owner's reason. */
  async beginWooApproval(url: string): Promise<void> {
    this.wooApproval = await ipc.beginWooApproval(url);
  }

  async cancelWooApproval(): Promise<void> {
    try {
      await ipc.cancelWooApproval();
      this.wooApproval = null;
    } catch (err) {
      toasts.error(err);
    }
  }

  /** A mostrador:// link came back from WordPress: stop waiting and say how it went. */
  approvalFinished(f: ApprovalFinished): void {
    this.wooApproval = null;
    if (f.connected) toasts.show(t('settings.woo_approved', { url: f.store_url }), 'success', 7000);
    else toasts.show(t('settings.woo_approval_failed', { reason: lang() === 'en' ? f.message_en : f.message }), 'error', 10000);
  }

  async disconnect(): Promise<void> {
    try {
      await ipc.disconnect();
      this.set(await ipc.syncStatus());
    } catch (err) {
      toasts.error(err);
    }
  }
}

export const shop = new Shop();
