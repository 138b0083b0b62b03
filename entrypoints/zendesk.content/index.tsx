import { defineContentScript } from '#imports';
import { ZENDESK_AGENT_MATCHES } from '@/lib/zendesk/urls';

export default defineContentScript({
  matches: ZENDESK_AGENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    console.debug('zso', ctx.isValid);
  },
});
