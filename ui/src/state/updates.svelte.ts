// "Hay una versión nueva": what the shell's update check found (update://available), and
// installing it when the owner chooses (the app restarts on success).
import type { UpdateOffer } from '../bindings/UpdateOffer';
import { ipc } from '../ipc';
import { toasts } from './toasts.svelte';

class Updates {
  offer = $state<UpdateOffer | null>(null);
  installing = $state(false);

  /** Listens for offers; returns the stop function. */
  listen(): () => void {
    const unlisten = ipc.onUpdateAvailable((next) => (this.offer = next));
    return () => void unlisten.then((f) => f());
  }

  /** "Más tarde": hides the offer until the next check finds it again. */
  later(): void {
    this.offer = null;
  }

  async install(): Promise<void> {
    this.installing = true;
    try {
      await ipc.installUpdate();
    } catch (err) {
      toasts.error(err);
    } finally {
      this.installing = false;
    }
  }
}

export const updates = new Updates();
