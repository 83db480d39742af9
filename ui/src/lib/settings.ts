// The owner's settings before anything is saved: the same defaults as the core's
// `Settings::default()` (src-tauri/core/src/view.rs). The app state starts from them until the
// shell answers, and the mock backend serves them.
import type { Settings } from '../bindings/Settings';

export const DEFAULT_SETTINGS: Settings = {
  language: 'es',
  theme: 'system',
  notify: {
    new_order: true,
    reminder: true,
    auto_cancel_warning: true,
    auto_cancelled: true,
    order_error: true,
    action_failed: true,
  },
  sound: true,
  ring_until_ack: false,
  ring_every_s: 30,
  quiet_hours: null,
  device_name: null,
  printer: null,
  counter_mode: false,
  alarm_sound: 'campana',
  alarm_volume: 80,
  autostart: false,
};
