// The only place that talks to the shell: typed wrappers for each command and event of the
// IPC table in docs/architecture.md. Command and event names are generated from the shell
// (bindings/commands.ts). In a development or mock build (`vite dev`, `vite build --mode mock`
// for Playwright), without Tauri or with `?mock=1`, the same calls go to an in-memory mock
// backend (src/mock/); a production build (`vite build`) leaves the mock out of the bundle.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Acknowledgement } from './bindings/Acknowledgement';
import { type Command, EVENTS } from './bindings/commands';
import type { ApprovalFinished } from './bindings/ApprovalFinished';
import type { ApprovalView } from './bindings/ApprovalView';
import type { ActionView } from './bindings/ActionView';
import type { AlarmSound } from './bindings/AlarmSound';
import type { Ringing } from './bindings/Ringing';
import type { Counts } from './bindings/Counts';
import type { ErrorCode } from './bindings/ErrorCode';
import type { Facets } from './bindings/Facets';
import type { Kpis } from './bindings/Kpis';
import type { LinkOpened } from './bindings/LinkOpened';
import type { NoticeOpened } from './bindings/NoticeOpened';
import type { PrintFailed } from './bindings/PrintFailed';
import type { OrderDetail } from './bindings/OrderDetail';
import type { OrderPage } from './bindings/OrderPage';
import type { OrderQuery } from './bindings/OrderQuery';
import type { OrdersChanged } from './bindings/OrdersChanged';
import type { OrderStatus } from './bindings/OrderStatus';
import type { PaymentMethod } from './bindings/PaymentMethod';
import type { Period } from './bindings/Period';
import type { PlatformKind } from './bindings/PlatformKind';
import type { SlipKind } from './bindings/SlipKind';
import type { Settings } from './bindings/Settings';
import type { SyncStatus } from './bindings/SyncStatus';
import type { UpdateOffer } from './bindings/UpdateOffer';
import type { UserError } from './bindings/UserError';

/** What carries commands and events: the Tauri runtime or the mock. */
export interface Transport {
  invoke<T>(command: Command, args?: Record<string, unknown>): Promise<T>;
  listen<T>(event: string, handler: (payload: T) => void): Promise<() => void>;
}

export { EVENTS };

/**
 * Whether this build carries the mock: `vite dev`, Vitest and `vite build --mode mock`. Vite
 * replaces both values at build time, so a production bundle drops the mock's import below.
 */
const MOCK_BUILD = import.meta.env.DEV || import.meta.env.MODE === 'mock';

/** Whether to use the mock: no Tauri runtime in this page, or asked for with ?mock=1. */
export function wantsMock(): boolean {
  if (typeof window === 'undefined') return true;
  const params = new URLSearchParams(window.location.search);
  return params.has('mock') || !('__TAURI_INTERNALS__' in window);
}

const tauriTransport: Transport = {
  invoke: (command, args) => invoke(command, args),
  listen: async (event, handler) => listen(event, (e) => handler(e.payload as never)),
};

let transport: Promise<Transport> | null = null;

function getTransport(): Promise<Transport> {
  transport ??= MOCK_BUILD && wantsMock() ? import('./mock/backend').then((m) => m.installMock()) : Promise.resolve(tauriTransport);
  return transport;
}

/** Replaces the transport (unit tests). */
export function useTransport(next: Transport): void {
  transport = Promise.resolve(next);
}

/** Every rejection becomes a UserError, whatever the transport threw. */
export function toUserError(err: unknown): UserError {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    return { code: (err as UserError).code, message: String((err as UserError).message) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal' as ErrorCode, message };
}

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  const t = await getTransport();
  try {
    return await t.invoke<T>(command, args);
  } catch (err) {
    throw toUserError(err);
  }
}

async function on<T>(event: (typeof EVENTS)[keyof typeof EVENTS], handler: (payload: T) => void): Promise<() => void> {
  const t = await getTransport();
  return t.listen<T>(event, handler);
}

export const ipc = {
  listOrders: (query: OrderQuery) => call<OrderPage>('list_orders', { query }),
  getOrder: (id: string) => call<OrderDetail>('get_order', { id }),
  counts: () => call<Counts>('counts'),
  /** Every warehouse and tag among the cached orders (sorted, distinct), for the filter sheet. */
  facets: () => call<Facets>('facets'),
  kpis: (period: Period) => call<Kpis>('kpis', { period }),
  advanceOrder: (id: string, to: OrderStatus, undoMs?: number) =>
    call<ActionView>('advance_order', undoMs ? { id, to, undoMs } : { id, to }),
  undoAction: (actionId: string) => call<null>('undo_action', { actionId }),
  /** `refund` as the owner typed it ("450,50"); the core parses it in the order's currency. */
  cancelOrder: (id: string, reason: string, refund: string) => call<ActionView>('cancel_order', { id, reason, refund }),
  retryDocument: (orderId: string, documentId: string) => call<ActionView>('retry_document', { orderId, documentId }),
  /** `amount` as the owner typed it ("450,50"); the core parses it in the order's currency.
   * `received`: the cash handed over (cash only), recorded where the platform has a place. */
  payOrder: (id: string, amount: string, method: PaymentMethod, reference: string | null, received: string | null = null) =>
    call<ActionView>('pay_order', { id, amount, method, reference, received }),
  addNote: (id: string, text: string) => call<ActionView>('add_note', { id, text }),
  /** The name sent as Device-Name: the setting, else the host name. */
  deviceName: () => call<string | null>('device_name'),
  /** Prints on the ESC/POS printer of Ajustes; a failure never changes the order. */
  printOrder: (id: string, kind: SlipKind) => call<null>('print_order', { id, kind }),
  printTest: () => call<null>('print_test'),
  reloadOrder: (id: string) => call<OrderDetail>('reload_order', { id }),
  syncNow: () => call<SyncStatus>('sync_now'),
  syncStatus: () => call<SyncStatus>('sync_status'),
  outbox: () => call<ActionView[]>('outbox'),
  dismissAction: (actionId: string) => call<null>('dismiss_action', { actionId }),
  connect: (url: string, token: string) => call<SyncStatus>('connect', { url, token }),
  /** Connects to a shop on a platform; `key` is WooCommerce's consumer key (empty otherwise). */
  connectPlatform: (platform: PlatformKind, url: string, key: string, secret: string) =>
    call<SyncStatus>('connect_platform', { platform, url, key, secret }),
  disconnect: () => call<null>('disconnect'),
  /** "Conectar con WordPress": checks the store, opens its approval page in the browser and
   * waits for the mostrador:// link back (the outcome comes as `onWooApproval`). */
  beginWooApproval: (url: string) => call<ApprovalView>('begin_woo_approval', { url }),
  /** The WordPress approval being waited for, if any. */
  wooApproval: () => call<ApprovalView | null>('woo_approval'),
  cancelWooApproval: () => call<null>('cancel_woo_approval'),
  getSettings: () => call<Settings>('get_settings'),
  setSettings: (settings: Settings) => call<Settings>('set_settings', { settings }),
  acknowledgeOrder: (orderId: string) => call<Acknowledgement>('acknowledge_order', { orderId }),
  setCounterMode: (on: boolean) => call<Settings>('set_counter_mode', { on }),
  setAutostart: (on: boolean) => call<Settings>('set_autostart', { on }),
  testAlarm: (sound: AlarmSound, volume: number) => call<null>('test_alarm', { sound, volume }),
  /** The order a notification asked to open while the UI was hidden or loading (taken once). */
  takeOpenedNotice: () => call<string | null>('take_opened_notice'),
  ringing: () => call<Ringing | null>('ringing'),
  /** Asks the update feed; `null` when this is the newest version. */
  checkUpdate: () => call<UpdateOffer | null>('check_update'),
  /** Installs the offered update and restarts the app; refused while actions are queued. */
  installUpdate: () => call<null>('install_update'),
  /** A link that leaves the app (tel:, WhatsApp, mailto:, a map): the shell hands it to the
   * system, or copies the number when no app handles it; any other URL is refused. */
  openLink: (url: string) => call<LinkOpened>('open_link', { url }),

  onOrdersChanged: (handler: (p: OrdersChanged) => void) => on(EVENTS.ordersChanged, handler),
  onSyncStatus: (handler: (p: SyncStatus) => void) => on(EVENTS.syncStatus, handler),
  onNoticeOpened: (handler: (p: NoticeOpened) => void) => on(EVENTS.noticeOpened, handler),
  onUpdateAvailable: (handler: (p: UpdateOffer) => void) => on(EVENTS.updateAvailable, handler),
  onPrintFailed: (handler: (p: PrintFailed) => void) => on(EVENTS.printFailed, handler),
  onWooApproval: (handler: (p: ApprovalFinished) => void) => on(EVENTS.wooApproval, handler),
};
