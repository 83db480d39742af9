// The in-memory backend behind ipc.ts when there is no Tauri: the same commands, arguments
// and events as the shell (docs/architecture.md), with the core's semantics — transitions per
// fulfilment, cancel validation, an outbox that waits while offline and can fail, sync state.
import type { ActionKind } from '../bindings/ActionKind';
import type { ActionView } from '../bindings/ActionView';
import type { ApprovalFinished } from '../bindings/ApprovalFinished';
import type { ApprovalView } from '../bindings/ApprovalView';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { LinkOpened } from '../bindings/LinkOpened';
import type { Order } from '../bindings/Order';
import type { OrderDetail } from '../bindings/OrderDetail';
import type { OrderStatus } from '../bindings/OrderStatus';
import type { PlatformKind } from '../bindings/PlatformKind';
import type { Settings } from '../bindings/Settings';
import type { SyncStatus } from '../bindings/SyncStatus';
import type { UserError } from '../bindings/UserError';
import type { Transport } from '../ipc';
import { statusLabel } from '../lib/labels';
import { DEFAULT_SETTINGS } from '../bindings/defaults';
import { formatMoney, moneyLocale, parseMoney } from '../lib/money';
import { formatDateTime } from '../lib/time';
import { applyAdvance, applyCancel, applyNote, applyPay, applyRetryPending, settle, stamp } from './actions';
import { historyLine } from '../lib/history';
import type { PaymentMethod } from '../bindings/PaymentMethod';
import { CATALOG_CLP, CATALOG_MXN, STORE_CLP, STORE_MXN } from './catalog';
import { HANDLERS, type Handler } from './commands';
import { MockDb } from './db';
import { moneyMessage, text } from './messages';
import { nextStatuses } from '../lib/transitions';
import { windowEndsAt } from './rules';

interface Queued {
  view: ActionView;
  /** The order as the server had it before the optimistic change, to roll back. */
  before: Order;
}

export class MockBackend implements Transport {
  db: MockDb;
  clockOffsetMs = 0;
  offline = false;
  offlineSince: string | null = null;
  needsReconnect = false;
  connected = true;
  demo = true;
  backendUrl: string | null = 'http://127.0.0.1:8787';
  platform: PlatformKind = 'orders_api';
  /** The WordPress approval being waited for. */
  wooApproval: ApprovalView | null = null;
  lastSyncedAt: string;
  syncing: number | null = null;
  latencyMs = 400;
  failNext: string | null = null;
  queue: Queued[] = [];
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  calls: { command: string; args: unknown }[] = [];
  /** Actions that reached the server, in order (tests read them). */
  sent: ActionView[] = [];
  private listeners = new Map<string, Set<(payload: unknown) => void>>();
  private seq = 0;

  constructor(clp = false, generated = 1030) {
    this.db = new MockDb(clp ? STORE_CLP : STORE_MXN, clp ? CATALOG_CLP : CATALOG_MXN);
    this.db.reset(generated, this.now());
    this.lastSyncedAt = new Date(this.now() - 8000).toISOString();
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  fail(code: ErrorCode, es: string, en: string): never {
    const err: UserError = { code, message: this.settings.language === 'en' ? en : es };
    throw err;
  }

  // ---- transport -------------------------------------------------------------------------

  async invoke<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
    this.calls.push({ command, args: structuredClone(args) });
    await Promise.resolve();
    const handler = (HANDLERS as Partial<Record<string, Handler>>)[command];
    if (!handler) this.fail('internal', `Comando desconocido: ${command}`, `Unknown command: ${command}`);
    return handler(this, args, (k) => {
      if (typeof args[k] !== 'string') this.fail('invalid_input', `Falta el argumento ${k}.`, `Missing argument ${k}.`);
      return args[k] as string;
    }) as T;
  }

  async listen<T>(event: string, handler: (payload: T) => void): Promise<() => void> {
    const set = this.listeners.get(event) ?? new Set();
    set.add(handler as (p: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(handler as (p: unknown) => void);
  }

  emit(event: string, payload: unknown): void {
    for (const h of this.listeners.get(event) ?? []) h(structuredClone(payload));
  }

  // ---- reads -----------------------------------------------------------------------------

  mustOrder(id: string): Order {
    const o = this.db.order(id);
    if (!o) this.fail('not_found', `No se encontró el pedido ${id}.`, `Order ${id} was not found.`);
    return o;
  }

  detail(id: string): OrderDetail {
    const order = this.mustOrder(id);
    const store = this.db.store;
    const ends = windowEndsAt(order, store.cancel_window_days);
    const lang = this.settings.language;
    let reason: string | null = null;
    if (order.status === 'cancelled') reason = text(lang, 'already_cancelled');
    else if (this.now() > ends)
      reason = text(lang, 'window_closed', {
        days: store.cancel_window_days,
        date: formatDateTime(new Date(ends).toISOString(), store.timezone, lang),
      });
    else if (this.openCancel(id)) reason = text(lang, 'cancel_queued');
    return {
      order: structuredClone(order),
      next_statuses: [...nextStatuses(order.status, order.fulfillment)],
      cancel: {
        allowed: reason === null,
        reason,
        window_ends_at: new Date(ends).toISOString(),
        refundable: Math.max(0, order.paid - order.refunded),
        refund_via_gateway: order.payment.method === 'card',
      },
      actions: this.queue.filter((q) => q.view.order_id === id).map((q) => structuredClone(q.view)),
      history_lines: order.history.map((h) => historyLine(h, store.status_labels, store.timezone, lang, this.now())),
      due: Math.max(0, order.total - order.paid),
      can_pay: store.features.includes('payments') && order.status !== 'cancelled' && order.total > order.paid,
      can_note: store.features.includes('notes'),
    };
  }

  /** Printing in the mock: refused without a printer, and refused by the "network printer". */
  print(): null {
    const p = this.settings.printer;
    if (!p) this.fail('invalid_input', 'Configura la impresora en Ajustes.', 'Set up the printer in Settings.');
    if (p.target.kind === 'network' && p.target.host === '0.0.0.0') {
      this.fail(
        'network',
        `No se pudo imprimir en 0.0.0.0:${p.target.port}: no respondió. El pedido sigue igual.`,
        `Could not print to 0.0.0.0:${p.target.port}: no answer. The order is unchanged.`,
      );
    }
    return null;
  }

  /** The device name the mock "host" has: the setting, else "Caja 1". */
  deviceName(): string {
    return this.settings.device_name?.trim() || 'Caja 1';
  }

  status(): SyncStatus {
    const failed = this.queue.filter((q) => q.view.state === 'failed').length;
    const pending = this.queue.filter((q) => q.view.state === 'pending');
    const oldest = pending.length ? Math.floor((this.now() - Date.parse(pending[0].view.created_at)) / 1000) : null;
    const state: SyncStatus['state'] = !this.connected
      ? { state: 'not_connected' }
      : this.needsReconnect
        ? { state: 'needs_reconnect' }
        : this.offline
          ? { state: 'offline', since: this.offlineSince ?? this.nowIso() }
          : this.syncing !== null
            ? { state: 'syncing', fetched: this.syncing }
            : { state: 'online' };
    return {
      state,
      last_synced_at: this.lastSyncedAt,
      pending_actions: pending.length,
      failed_actions: failed,
      oldest_pending_age_s: oldest,
      backend_url: this.backendUrl,
      demo: this.demo,
      platform: this.platform,
      store: this.connected ? structuredClone(this.db.store) : null,
      parked_actions: 0,
      storage: null,
      alerts: [],
    };
  }

  emitStatus(): void {
    this.emit('sync://status', this.status());
  }

  // ---- actions ---------------------------------------------------------------------------

  private openCancel(id: string): boolean {
    return this.queue.some((q) => q.view.order_id === id && q.view.state === 'pending' && q.view.kind.kind === 'cancel');
  }

  private enqueue(order: Order, kind: ActionKind, after: Order, holdMs = 0): ActionView {
    const held = holdMs > 0 ? new Date(this.now() + Math.min(holdMs, 60_000)).toISOString() : null;
    const view: ActionView = {
      id: `act_${++this.seq}_${Math.random().toString(16).slice(2, 10)}`,
      order_id: order.id,
      order_number: order.number,
      kind,
      state: 'pending',
      attempts: 0,
      created_at: this.nowIso(),
      next_attempt_at: held ?? this.nowIso(),
      undo_until: held,
      error: null,
    };
    this.queue.push({ view, before: structuredClone(order) });
    if (held) setTimeout(() => this.scheduleFlush(), Date.parse(held) - this.now() + 1);
    this.db.put(after, this.pendingFor(order.id));
    this.emit('orders://changed', { ids: [order.id], all: false });
    this.emitStatus();
    this.scheduleFlush();
    return structuredClone(view);
  }

  private pendingFor(id: string): number {
    return this.queue.filter((q) => q.view.order_id === id && q.view.state === 'pending').length;
  }

  /** Takes back a held action never sent; the order shows the server's state again. */
  undoAction(actionId: string): null {
    const q = this.queue.find((x) => x.view.id === actionId && x.view.state === 'pending' && x.view.attempts === 0);
    if (!q) this.fail('not_allowed', 'Ya se envió: no se puede deshacer.', 'It was already sent: it cannot be undone.');
    this.queue = this.queue.filter((x) => x !== q);
    this.db.put(q.before, this.pendingFor(q.view.order_id));
    this.emit('orders://changed', { ids: [q.view.order_id], all: false });
    this.emitStatus();
    return null;
  }

  advance(id: string, to: OrderStatus, holdMs = 0): ActionView {
    const order = this.mustOrder(id);
    if (!nextStatuses(order.status, order.fulfillment).includes(to)) {
      this.fail(
        'not_allowed',
        text('es', 'not_allowed', { number: order.number, to: statusLabel(to, 'es', this.db.store.status_labels) }),
        text('en', 'not_allowed', { number: order.number, to: statusLabel(to, 'en') }),
      );
    }
    return this.enqueue(order, { kind: 'advance', to }, applyAdvance(order, to, this.nowIso()), holdMs);
  }

  cancel(id: string, reason: string, refund: string): ActionView {
    const order = this.mustOrder(id);
    const d = this.detail(id);
    if (order.status === 'cancelled') this.fail('not_allowed', text('es', 'already_cancelled'), text('en', 'already_cancelled'));
    if (this.openCancel(id)) this.fail('already_queued', text('es', 'cancel_queued'), text('en', 'cancel_queued'));
    if (!d.cancel.allowed)
      this.fail(
        'cancel_window_closed',
        d.cancel.reason ?? '',
        text('en', 'window_closed', { days: this.db.store.cancel_window_days, date: d.cancel.window_ends_at.slice(0, 10) }),
      );
    const trimmed = reason.trim();
    if (trimmed === '' || trimmed.length > 500) this.fail('invalid_input', text('es', 'reason_required'), text('en', 'reason_required'));
    const parsed = parseMoney(refund, order.currency);
    if (!parsed.ok)
      this.fail('invalid_input', moneyMessage('es', parsed.error, order.currency), moneyMessage('en', parsed.error, order.currency));
    const max = d.cancel.refundable;
    if (parsed.minor > max) {
      const amount = formatMoney(max, order.currency, moneyLocale(this.db.store.locale));
      this.fail('refund_too_large', text('es', 'refund_too_large', { amount }), text('en', 'refund_too_large', { amount }));
    }
    return this.enqueue(
      order,
      { kind: 'cancel', reason: trimmed, refund_amount: parsed.minor },
      applyCancel(order, this.db.store, trimmed, parsed.minor, this.nowIso()),
    );
  }

  retryDocument(orderId: string, documentId: string): ActionView {
    const order = this.mustOrder(orderId);
    const doc = order.documents.find((x) => x.id === documentId);
    if (!doc) this.fail('not_found', 'No se encontró el documento.', 'Document not found.');
    if (doc.status !== 'error') this.fail('not_allowed', 'Ese documento no tiene error.', 'That document has no error.');
    return this.enqueue(order, { kind: 'retry_document', document_id: documentId }, applyRetryPending(order, documentId));
  }

  pay(id: string, amount: string, method: PaymentMethod, reference: string | null): ActionView {
    const order = this.mustOrder(id);
    const lang = this.settings.language;
    if (order.status === 'cancelled')
      this.fail(
        'not_allowed',
        `El pedido #${order.number} está cancelado: no se le puede cobrar.`,
        `Order #${order.number} is cancelled: it cannot take a payment.`,
      );
    const parsed = parseMoney(amount, order.currency);
    if (!parsed.ok)
      this.fail('invalid_input', moneyMessage('es', parsed.error, order.currency), moneyMessage('en', parsed.error, order.currency));
    if (parsed.minor <= 0)
      this.fail('invalid_input', 'El monto a cobrar debe ser mayor que cero.', 'The amount to collect must be more than zero.');
    const due = Math.max(0, order.total - order.paid);
    if (parsed.minor > due) {
      const fmt = (n: number) => formatMoney(n, order.currency, moneyLocale(this.db.store.locale));
      this.fail(
        'invalid_input',
        `El cobro (${fmt(parsed.minor)}) supera lo que falta por pagar del pedido #${order.number}: ${fmt(due)}.`,
        `The payment (${fmt(parsed.minor)}) is more than is still due on order #${order.number}: ${fmt(due)}.`,
      );
    }
    void lang;
    const ref = reference?.trim() || null;
    return this.enqueue(
      order,
      { kind: 'pay', amount: parsed.minor, method, reference: ref },
      applyPay(order, parsed.minor, method, ref, this.nowIso()),
    );
  }

  addNote(id: string, text: string): ActionView {
    const order = this.mustOrder(id);
    const trimmed = text.trim();
    if (trimmed === '') this.fail('invalid_input', 'Escribe la nota.', 'Write the note.');
    if ([...trimmed].length > 1000)
      this.fail('invalid_input', 'La nota no puede pasar de 1000 caracteres.', 'The note cannot be longer than 1000 characters.');
    return this.enqueue(order, { kind: 'note', text: trimmed }, applyNote(order, trimmed, this.nowIso()));
  }

  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  scheduleFlush(): void {
    if (this.flushTimer || !this.canSend()) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, this.latencyMs);
  }

  private canSend(): boolean {
    return this.connected && !this.offline && !this.needsReconnect;
  }

  /** Sends every pending action in order: applied ones leave the queue, a refused one rolls back. */
  flush(): void {
    if (!this.canSend()) return;
    const changed = new Set<string>();
    const held = (q: Queued) => q.view.undo_until !== null && Date.parse(q.view.undo_until) > this.now();
    const blocked = new Set(this.queue.filter((x) => x.view.state === 'pending' && held(x)).map((x) => x.view.order_id));
    for (const q of this.queue.filter((x) => x.view.state === 'pending' && !blocked.has(x.view.order_id))) {
      q.view.attempts++;
      q.view.undo_until = null;
      this.sent.push(structuredClone(q.view));
      changed.add(q.view.order_id);
      if (this.failNext !== null) {
        this.refuse(q, this.failNext);
        this.failNext = null;
        continue;
      }
      const current = this.db.order(q.view.order_id);
      if (current) this.db.put(settle(stamp(current, this.deviceName())), 0);
      this.queue = this.queue.filter((x) => x !== q);
    }
    for (const id of changed) this.db.setPendingActions(id, this.pendingFor(id));
    this.lastSyncedAt = this.nowIso();
    if (changed.size) this.emit('orders://changed', { ids: [...changed], all: false });
    this.emitStatus();
  }

  /** The server refused the action: the customer cancelled meanwhile (or `message` says why). */
  private refuse(q: Queued, message: string): void {
    const lang = this.settings.language;
    const labels = this.db.store.status_labels;
    const target = q.view.kind.kind === 'advance' ? q.view.kind.to : 'cancelled';
    const byCustomer = applyCancel(
      q.before,
      this.db.store,
      'Ya no lo necesito',
      Math.max(0, q.before.paid - q.before.refunded),
      this.nowIso(),
      'customer',
    );
    this.db.put(message === '' ? settle(byCustomer) : q.before, 0);
    q.view.state = 'failed';
    q.view.next_attempt_at = null;
    q.view.error =
      message !== '' ? message : text(lang, 'customer_cancelled', { number: q.view.order_number, to: statusLabel(target, lang, labels) });
  }

  async syncNow(): Promise<SyncStatus> {
    if (!this.connected) this.fail('not_connected', text('es', 'not_connected'), text('en', 'not_connected'));
    if (this.needsReconnect) this.fail('not_connected', text('es', 'reconnect'), text('en', 'reconnect'));
    if (this.offline) this.fail('network', text('es', 'offline'), text('en', 'offline'));
    this.syncing = 0;
    this.emitStatus();
    await new Promise((r) => setTimeout(r, Math.min(this.latencyMs, 600)));
    this.syncing = null;
    this.flush();
    return this.status();
  }

  /** Links the UI asked to open, in order (tests read them). */
  openedLinks: string[] = [];

  /** Like a desktop without a phone app: tel: is copied, the others open. */
  openLink(url: string): LinkOpened {
    this.openedLinks.push(url);
    if (url.startsWith('tel:')) return { outcome: 'copied', kind: 'phone', text: decodeURIComponent(url.slice(4)) };
    if (url.startsWith('mailto:')) return { outcome: 'opened', kind: 'email' };
    if (url.startsWith('https://wa.me/')) return { outcome: 'opened', kind: 'whatsapp' };
    return this.fail('invalid_input', 'Mostrador no abre este enlace.', 'Mostrador does not open this link.');
  }

  /** WooCommerce or Shopify, as the core checks them: https outside loopback, the keys or token. */
  /** "Conectar con WordPress": the core checks the address and waits for the link back;
   * `finishWooApproval` plays the link arriving. */
  beginWooApproval(url: string): ApprovalView {
    const address = url.trim().replace(/\/+$/, '');
    if (!/^https:\/\/[^\s/]+/.test(address) && !/^http:\/\/(127\.0\.0\.1|localhost)/.test(address)) {
      this.fail('invalid_input', text('es', 'woo_https'), text('en', 'woo_https'));
    }
    const started = this.now();
    this.wooApproval = {
      store_url: address,
      started_at: new Date(started).toISOString(),
      expires_at: new Date(started + 30 * 60_000).toISOString(),
      authorize_url: `${address}/wp-admin/authorize-application.php?app_name=Mostrador`,
    };
    return structuredClone(this.wooApproval);
  }

  /** The mostrador:// link came back: connects (or not) and emits `woocommerce://approval`. */
  finishWooApproval(connected: boolean): ApprovalFinished {
    const store = this.wooApproval?.store_url ?? '';
    this.wooApproval = null;
    if (connected) {
      this.connect(store, 'wordpress');
      this.platform = 'woocommerce';
      this.demo = false;
      this.emitStatus();
    }
    const finished: ApprovalFinished = connected
      ? {
          connected,
          store_url: store,
          message: `Conectado a ${store} con WordPress.`,
          message_en: `Connected to ${store} through WordPress.`,
        }
      : {
          connected,
          store_url: store,
          message: `Rechazaste la conexión en WordPress: Mostrador no se conectó a ${store}.`,
          message_en: `You refused the connection in WordPress: Mostrador did not connect to ${store}.`,
        };
    this.emit('woocommerce://approval', finished);
    return finished;
  }

  connectPlatform(platform: PlatformKind, url: string, key: string, secret: string): SyncStatus {
    if (platform === 'orders_api') return this.connect(url, secret);
    const address = url.trim();
    if (platform === 'woocommerce') {
      if (!/^https:\/\/[^\s/]+/.test(address) && !/^http:\/\/(127\.0\.0\.1|localhost)/.test(address)) {
        this.fail('invalid_input', text('es', 'woo_https'), text('en', 'woo_https'));
      }
      if (!key.startsWith('ck_') || !secret.startsWith('cs_')) this.fail('not_connected', text('es', 'woo_keys'), text('en', 'woo_keys'));
    } else if (!secret.startsWith('shpat_')) {
      this.fail('not_connected', text('es', 'shopify_token'), text('en', 'shopify_token'));
    }
    const status = this.connect(platform === 'shopify' && !address.includes('://') ? `https://${address}` : address, secret);
    this.demo = false;
    this.platform = platform;
    return { ...status, demo: false, platform };
  }

  connect(url: string, token: string): SyncStatus {
    if (!/^https?:\/\/[^\s/]+/.test(url.trim())) this.fail('invalid_input', text('es', 'bad_url'), text('en', 'bad_url'));
    if (token.trim() === '') this.fail('invalid_input', text('es', 'bad_token'), text('en', 'bad_token'));
    this.connected = true;
    this.needsReconnect = false;
    this.backendUrl = url.trim();
    this.demo = /127\.0\.0\.1|localhost|demo/.test(url);
    this.lastSyncedAt = this.nowIso();
    this.emitStatus();
    this.emit('orders://changed', { ids: [], all: true });
    this.scheduleFlush();
    return this.status();
  }
}

let installed: MockBackend | null = null;

/** Creates the mock from the page's URL (?store=clp&generate=N&offline=1&latency=ms) and exposes its controls. */
export async function installMock(): Promise<MockBackend> {
  if (installed) return installed;
  const params = new URLSearchParams(window.location.search);
  const generate = params.has('generate') ? Number(params.get('generate')) : 1030;
  const mock = new MockBackend(params.get('store') === 'clp', generate);
  if (params.get('lang') === 'en') mock.settings.language = 'en';
  const theme = params.get('theme');
  if (theme === 'dark' || theme === 'light') mock.settings.theme = theme;
  if (params.has('latency')) mock.latencyMs = Number(params.get('latency'));
  const { exposeControls } = await import('./control');
  exposeControls(mock);
  if (params.get('offline') === '1') mock.offline = true;
  installed = mock;
  return mock;
}
