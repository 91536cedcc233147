import { describe, expect, it } from 'vitest';
import { askerAnswered, editorItemReturned } from './templates';
import { MailQueue, type QueuedMail } from './queue';
import { emailPluginConfig } from './config';

describe('mail templates', () => {
  it('escape every value in the HTML and keep it verbatim in the text', () => {
    const m = editorItemReturned({
      agencyName: 'Sở <b>A</b>',
      adminUrl: 'http://cms/admin/x?a=1&b=2',
      title: '"><script>alert(1)</script>',
      kindLabel: 'Tin bài',
      reason: 'Thiếu <nguồn>',
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&quot;&gt;&lt;script&gt;');
    expect(m.html).toContain('href="http://cms/admin/x?a=1&amp;b=2"');
    expect(m.text).toContain('> Thiếu <nguồn>');
    expect(m.subject).toBe('Nội dung bị trả lại: "><script>alert(1)</script>');
  });
  it("the asker's mail carries the tracking link and greets by name", () => {
    const m = askerAnswered({ askerName: 'An', subject: 'Hỏi', trackingCode: 'HD-1', trackingUrl: 'https://s/hoi-dap/tra-cuu/?ma=HD-1' });
    expect(m.text).toContain('Kính gửi ông/bà An,');
    expect(m.text).toContain('https://s/hoi-dap/tra-cuu/?ma=HD-1');
  });
});

describe('emailPluginConfig', () => {
  it('reads the SMTP settings from env and names a malformed variable', () => {
    const c = emailPluginConfig({ SMTP_HOST: 'smtp.laocai.gov.vn', SMTP_SECURE: 'true', SMTP_USER: 'cong', SMTP_PASSWORD: 'x' } as any);
    expect(c.providerOptions).toMatchObject({ host: 'smtp.laocai.gov.vn', port: 465, secure: true, auth: { user: 'cong', pass: 'x' } });
    expect(emailPluginConfig({} as any).providerOptions).toEqual({ jsonTransport: true });
    expect(() => emailPluginConfig({ SMTP_HOST: 'h', SMTP_PORT: '99999' } as any)).toThrow(/SMTP_PORT/);
    expect(() => emailPluginConfig({ SMTP_HOST: 'h', SMTP_SECURE: 'yes' } as any)).toThrow(/SMTP_SECURE/);
    expect(() => emailPluginConfig({ SMTP_HOST: 'h', SMTP_USER: 'u' } as any)).toThrow(/SMTP_PASSWORD/);
  });
});

describe('MailQueue', () => {
  const mail = (n: number): QueuedMail => ({ kind: 'k', ref: `r${n}`, to: `p${n}@example.vn`, subject: 's', text: 't', html: 'h' });
  it('returns at once, sends in order, retries a refused mail and then drops it, logging no address', async () => {
    const sent: string[] = [];
    const logs: string[] = [];
    const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
    const q = new MailQueue(
      async (m) => {
        if (m.ref === 'r2') throw Object.assign(new Error(`550 <${m.to}> unknown`), { code: 'EENVELOPE', responseCode: 550 });
        sent.push(m.ref);
      },
      log,
      [5, 5],
    );
    q.push(mail(1));
    q.push(mail(2));
    q.push(mail(3));
    expect(sent).toEqual([]);
    await q.whenIdle();
    expect(sent).toEqual(['r1', 'r3']);
    expect(q.stats).toEqual({ sent: 2, failed: 1, dropped: 0 });
    expect(logs).toHaveLength(3);
    expect(logs.join('\n')).toContain('EENVELOPE 550');
    expect(logs.join('\n')).not.toContain('@');
  });
});
