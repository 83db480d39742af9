// At 360 px (the narrowest phone we support) nothing may stick out sideways, and nothing in
// the header or the action bar may overlap. Checked with bounding boxes, per screen.
import type { Page } from '@playwright/test';
import { expect, openApp, shot, test } from './fixtures';

/** Elements whose visible box (clipped by scrolling/clipping ancestors) ends past the viewport. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`document scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (el.closest('[data-hscroll], dialog:not([open]), .sr-only')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      let right = r.right;
      let left = r.left;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (cs.overflowX !== 'visible') {
          const pr = p.getBoundingClientRect();
          right = Math.min(right, pr.right);
          left = Math.max(left, pr.left);
        }
      }
      // Controls must be whole on screen, not merely clipped by a container.
      const control = el.matches('button, a, input, select, textarea') && !el.closest('[data-hscroll]');
      if (control && (r.right > width + 0.5 || r.left < -0.5)) {
        out.push(
          `control ${el.tagName.toLowerCase()} [${Math.round(r.left)}, ${Math.round(r.right)}] "${(el.textContent ?? '').trim().slice(0, 30)}"`,
        );
        continue;
      }
      if (right > left && (right > width + 0.5 || left < -0.5)) {
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} [${Math.round(left)}, ${Math.round(right)}] "${(el.textContent ?? '').trim().slice(0, 30)}"`,
        );
      }
    }
    return out;
  });
}

/** Pairs of interactive or labelled boxes inside `selector` that overlap. */
async function overlaps(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return [`${sel} missing`];
    const items = Array.from(
      root.querySelectorAll<HTMLElement>('button, a, [data-testid="sync-state"], [data-testid="demo-badge"], .store-name, .logo'),
    ).filter((e) => e.getBoundingClientRect().width > 0 && !e.closest('.sr-only'));
    const out: string[] = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        if (items[i].contains(items[j]) || items[j].contains(items[i])) continue;
        const a = items[i].getBoundingClientRect();
        const b = items[j].getBoundingClientRect();
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) out.push(`${items[i].textContent?.trim().slice(0, 20)} × ${items[j].textContent?.trim().slice(0, 20)}`);
      }
    }
    return out;
  }, selector);
}

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('no screen overflows sideways and the header and action bar do not overlap', async ({ page, problems }, info) => {
    test.skip(info.project.name !== 'phone', 'a phone-width check');
    void problems;
    await openApp(page, 'undo=60000');
    // A queued action and the demo badge make the header as full as it gets.
    await page.evaluate(() => window.__mostradorMock!.setOffline(true));
    await page.getByTestId('order-row').filter({ hasText: 'Jorge Ramírez' }).click();
    await page.getByTestId('detail-back').click();
    await expect(page.getByTestId('order-row').first()).toBeVisible();
    expect(await overflowing(page), 'list: nothing cut off at 360 px').toEqual([]);
    expect(await overlaps(page, 'header'), 'list: header items do not overlap').toEqual([]);
    await shot(page, 'pedidos-360', 'phone');

    await page.getByTestId('order-row').filter({ hasText: 'María José Rodríguez' }).click();
    await expect(page.getByTestId('action-bar')).toBeVisible();
    expect(await overflowing(page), 'detail: nothing cut off at 360 px').toEqual([]);
    expect(await overlaps(page, '[data-testid="action-bar"]'), 'detail: action buttons do not overlap').toEqual([]);
    await page.getByTestId('advance-ready').click();
    expect(await overlaps(page, '[data-testid="order-detail"] .top'), 'detail header: nothing overlaps').toEqual([]);
    await shot(page, 'pedido-360', 'phone');
    await page.getByTestId('undo').click();

    await page.getByTestId('cancel-open').click();
    expect(await overflowing(page), 'cancel dialog: nothing cut off').toEqual([]);
    await shot(page, 'cancelar-360', 'phone');
    await page.keyboard.press('Escape');
    await page.getByTestId('detail-back').click();

    for (const screen of ['summary', 'settings'] as const) {
      await page.getByTestId(`nav-${screen}`).click();
      await page.waitForTimeout(100);
      expect(await overflowing(page), `${screen}: nothing cut off at 360 px`).toEqual([]);
      await shot(page, `${screen}-360`, 'phone');
    }
  });
});
