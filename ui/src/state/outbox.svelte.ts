// The queue of actions waiting to reach the shop (or failed there), and its panel.
import type { ActionView } from '../bindings/ActionView';
import { ipc } from '../ipc';
import { shop } from './shop.svelte';
import { toasts } from './toasts.svelte';
import { undo } from './undo.svelte';

class Outbox {
  items = $state<ActionView[]>([]);
  open = $state(false);

  async refresh(): Promise<void> {
    try {
      this.items = await ipc.outbox();
      undo.restore(this.items);
    } catch (err) {
      toasts.error(err);
    }
  }

  /** Drops a failed action from the queue. */
  async dismiss(actionId: string): Promise<void> {
    try {
      await ipc.dismissAction(actionId);
      await this.refresh();
      shop.set(await ipc.syncStatus());
    } catch (err) {
      toasts.error(err);
    }
  }
}

export const outbox = new Outbox();
