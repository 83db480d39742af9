// While the counter PC rings (Modo mostrador): which order rings, polled every 2 s, and
// "Atendido", which silences it without opening the order.
import type { Ringing } from '../bindings/Ringing';
import { t } from '../i18n/index.svelte';
import { ipc } from '../ipc';
import { toasts } from './toasts.svelte';

class Bell {
  ringing = $state<Ringing | null>(null);

  /** Polls while `on` (the counter mode); returns the stop function. */
  watch(on: boolean): () => void {
    if (!on) {
      this.ringing = null;
      return () => {};
    }
    const poll = () =>
      void ipc.ringing().then(
        (r) => (this.ringing = r),
        () => (this.ringing = null),
      );
    poll();
    const timer = setInterval(poll, 2000);
    return () => clearInterval(timer);
  }

  async acknowledge(): Promise<void> {
    const r = this.ringing;
    if (!r) return;
    this.ringing = null;
    try {
      const ack = await ipc.acknowledgeOrder(r.order_id);
      if (!ack.shared) toasts.show(t('counter.ack_local_toast', { number: r.number }));
    } catch (err) {
      toasts.error(err);
    }
  }
}

export const bell = new Bell();
