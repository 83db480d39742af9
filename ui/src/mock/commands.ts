// The mock's answer to each command of the shell. Typed over the generated command list
// (bindings/commands.ts), so a command added to the shell does not compile here until the
// mock answers it too.
import type { Command } from '../bindings/commands';
import type { OrderStatus } from '../bindings/OrderStatus';
import type { PaymentMethod } from '../bindings/PaymentMethod';
import type { PlatformKind } from '../bindings/PlatformKind';
import type { Settings } from '../bindings/Settings';
import type { MockBackend } from './backend';

/** `str(k)`: the string argument `k`, or the core's refusal when it is missing. */
export type Handler = (m: MockBackend, a: Record<string, unknown>, str: (k: string) => string) => unknown;

export const HANDLERS: Record<Command, Handler> = {
  list_orders: (m, a) => m.db.list(a.query as never),
  get_order: (m, _a, str) => m.detail(str('id')),
  reload_order: (m, _a, str) => m.detail(str('id')),
  counts: (m) => m.db.counts(),
  facets: (m) => m.db.facets(),
  kpis: (m, a) => m.db.kpis(a.period as never, m.now()),
  advance_order: (m, a, str) => m.advance(str('id'), str('to') as OrderStatus, typeof a.undoMs === 'number' ? a.undoMs : 0),
  cancel_order: (m, _a, str) => m.cancel(str('id'), str('reason'), str('refund')),
  retry_document: (m, _a, str) => m.retryDocument(str('orderId'), str('documentId')),
  pay_order: (m, a, str) =>
    m.pay(str('id'), str('amount'), str('method') as PaymentMethod, typeof a.reference === 'string' ? a.reference : null),
  add_note: (m, _a, str) => m.addNote(str('id'), str('text')),
  device_name: (m) => m.deviceName(),
  print_order: (m, _a, str) => {
    m.mustOrder(str('id'));
    return m.print();
  },
  print_test: (m) => m.print(),
  sync_now: (m) => m.syncNow(),
  sync_status: (m) => m.status(),
  outbox: (m) => m.queue.map((q) => q.view),
  undo_action: (m, _a, str) => m.undoAction(str('actionId')),
  dismiss_action: (m, _a, str) => {
    m.queue = m.queue.filter((q) => !(q.view.id === str('actionId') && q.view.state === 'failed'));
    m.emitStatus();
    return null;
  },
  connect: (m, _a, str) => {
    m.platform = 'orders_api';
    return m.connect(str('url'), str('token'));
  },
  connect_platform: (m, _a, str) => m.connectPlatform(str('platform') as PlatformKind, str('url'), str('key'), str('secret')),
  begin_woo_approval: (m, _a, str) => m.beginWooApproval(str('url')),
  woo_approval: (m) => (m.wooApproval ? structuredClone(m.wooApproval) : null),
  cancel_woo_approval: (m) => {
    m.wooApproval = null;
    return null;
  },
  disconnect: (m) => {
    m.connected = false;
    m.backendUrl = null;
    m.demo = false;
    m.emitStatus();
    return null;
  },
  get_settings: (m) => structuredClone(m.settings),
  set_settings: (m, a) => {
    m.settings = structuredClone(a.settings as Settings);
    return structuredClone(m.settings);
  },
  acknowledge_order: (_m, _a, str) => ({ order_id: str('orderId'), shared: true }),
  set_counter_mode: (m, a) => {
    const on = a.on === true;
    const ring = Math.min(Math.max(m.settings.ring_every_s, 5), 20);
    m.settings = {
      ...m.settings,
      counter_mode: on,
      ring_until_ack: on,
      autostart: on,
      ...(on ? { sound: true, ring_every_s: ring } : {}),
    };
    return structuredClone(m.settings);
  },
  set_autostart: (m, a) => {
    m.settings = { ...m.settings, autostart: a.on === true };
    return structuredClone(m.settings);
  },
  test_alarm: () => null,
  take_opened_notice: () => null,
  ringing: () => null,
  // The mock is always the newest version.
  check_update: () => null,
  install_update: (m) => m.fail('not_connected', 'No hay una actualización que instalar.', 'There is no update to install.'),
  open_link: (m, _a, str) => m.openLink(str('url')),
  // A notification's buttons: the mock raises no notifications.
  quick_action_types: () => [],
  quick_action: (m) => m.fail('not_allowed', 'La simulación no muestra notificaciones.', 'The mock shows no notifications.'),
};
