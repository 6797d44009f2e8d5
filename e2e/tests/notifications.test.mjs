// Notifications on this device, as a person turns them on from the reminders page. Chromium here
// cannot reach its real push service (Google's), so the page's PushManager.subscribe is replaced
// by a recorder that answers with a made-up subscription: the test checks that the browser is
// asked with Tend's own VAPID key, that Tend keeps the subscription for this session (the
// settings' device list says so), and that turning off works. Delivery itself, encrypted and
// signed, is proven against a stand-in push service in crates/tend-web/tests/api/push.rs.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { button, expectNotice, navigates, newPerson, signUp, visit } from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'notifications' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The P-256 base point: a valid public key for the made-up subscription.
const DEVICE_KEY = 'BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU';

function recordSubscribe(deviceKey) {
  const toBase64Url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  PushManager.prototype.getSubscription = async () => null;
  PushManager.prototype.subscribe = async function (options) {
    localStorage.setItem('asked', JSON.stringify({ userVisibleOnly: options.userVisibleOnly, key: toBase64Url(options.applicationServerKey) }));
    return {
      toJSON: () => ({ endpoint: 'https://push.example.org/send/made-up-device', keys: { p256dh: deviceKey, auth: 'AAAAAAAAAAAAAAAAAAAAAA' } }),
      unsubscribe: async () => true,
    };
  };
}

test('notifications on this device: asked with Tend\'s key, kept for this session, turned off again', { timeout: 120_000 }, async (t) => {
  const ana = await newPerson(browser, server.url, 'Ana');
  const { page, context } = ana;
  await context.grantPermissions(['notifications'], { origin: server.url });
  await context.addInitScript(recordSubscribe, DEVICE_KEY);
  const watch = watchContext(context, server.url);
  const problems = [];
  await withDiagnostics(t, [page], async () => {
    await signUp(ana);
    await visit(page, server.url, '/reminders');
    const turnOn = button(page, 'Turn on notifications here');
    await turnOn.waitFor({ state: 'visible' });
    await checkPage(page, watch, problems, { name: 'reminders with notifications', hiddenNames: [] });
    const serverKey = await turnOn.getAttribute('data-push-on');
    assert.equal(Buffer.from(serverKey, 'base64url').length, 65, 'an uncompressed P-256 key');
    await navigates(page, () => turnOn.click());
    await expectNotice(page, 'Notifications are on for this device. They follow your reminder choices and quiet hours.');
    const asked = JSON.parse(await page.evaluate(() => localStorage.getItem('asked')));
    assert.deepEqual(asked, { userVisibleOnly: true, key: serverKey }, 'the browser was asked with the key Tend publishes');
    await page.getByText('On for this device.', { exact: true }).waitFor();

    await visit(page, server.url, '/settings');
    await page.getByRole('row').filter({ hasText: 'This device' }).getByText('Notifications on').waitFor();

    await visit(page, server.url, '/reminders');
    await navigates(page, () => button(page, 'Turn off on this device').click());
    await expectNotice(page, 'Notifications are off for this device.');
    await button(page, 'Turn on notifications here').waitFor({ state: 'visible' });
  });
  await context.close();
  reportProblems(problems);
});
