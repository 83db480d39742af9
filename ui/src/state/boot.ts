// What the app does once at start: listens to the shell's events (orders changed, sync
// status, failed prints, tapped notifications) and loads the first screen's data. The
// window-level wiring (scroll, media queries, the hash) stays in App.svelte.
import { ipc } from '../ipc';
import { opened } from './detail.svelte';
import { nav } from './nav.svelte';
import { orders } from './orders.svelte';
import { openOrder } from './router';
import { settings } from './settings.svelte';
import { shop } from './shop.svelte';
import { toasts } from './toasts.svelte';

/** Bursts of orders://changed (a sync page) coalesce into one refresh of what is visible. */
const COALESCE_MS = 120;

export function startBackend(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingIds = new Set<string>();
  let pendingAll = false;

  function ordersChanged(ids: string[], all: boolean): void {
    for (const id of ids) pendingIds.add(id);
    pendingAll ||= all;
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const changedOpen = nav.openId && (pendingAll || pendingIds.has(nav.openId));
      pendingIds = new Set();
      pendingAll = false;
      orders.changes++;
      void orders.reload(orders.rows.length);
      void orders.refreshCounts();
      if (changedOpen) void opened.load(nav.openId);
    }, COALESCE_MS);
  }

  const unlisten: Promise<() => void>[] = [
    ipc.onOrdersChanged((p) => ordersChanged(p.ids, p.all)),
    ipc.onSyncStatus((s) => shop.set(s)),
    ipc.onPrintFailed((p) => toasts.show(p.message, 'error', 10000)),
    ipc.onWooApproval((f) => shop.approvalFinished(f)),
    ipc.onNoticeOpened((p) => {
      // Opening acknowledges it (state/detail); the kept copy in the core is taken too.
      openOrder(p.order_id);
      void ipc.takeOpenedNotice().catch(() => undefined);
    }),
  ];
  // A notification tapped while the window was hidden or still loading.
  void ipc.takeOpenedNotice().then(
    (id) => id && openOrder(id),
    () => undefined,
  );
  void orders.reload();
  void orders.refreshCounts();
  void shop.refresh();
  void shop.loadWooApproval();
  void settings.load();
  return () => {
    if (timer) clearTimeout(timer);
    for (const u of unlisten) void u.then((f) => f());
  };
}
