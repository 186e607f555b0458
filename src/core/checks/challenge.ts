// Xserver's causes 3 and 4: site forwarding (サイト転送) and access restriction (アクセス制限), seen the way
// Let's Encrypt's validator sees them: a request for /.well-known/acme-challenge/<token> on port 80.
import type { CheckContext } from '../evidence';
import { fixSteps } from '../fixes';
import { classifyHost } from '../names';
import { MAX_REDIRECTS, redirectProblem } from '../sources/challenge-probe';
import type { Finding } from '../types';

export function checkChallenge({ ev, origin }: CheckContext): Finding[] {
  const out = ev.challenge;
  if (!out) return [];
  const hops = out.hops;
  const lines = hops.map((h) => `${h.status} ${h.url}${h.location ? ` → ${h.location}` : ''}`);
  const hostName = origin ?? null;
  const params = { name: ev.host, host: hostName?.names.en ?? '', host_ja: hostName?.names.ja ?? '' };

  // Walk the redirects with Let's Encrypt's rules first: they explain a failure further down the chain better
  // than "unreachable" does.
  const seen: string[] = [];
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i];
    seen.push(h.url);
    if (![301, 302, 307, 308].includes(h.status) || !h.location) break;
    let target: string;
    try { target = new URL(h.location, h.url).href; } catch { target = h.location; }
    const problem = seen.length > MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} redirects` : redirectProblem(target, seen);
    if (problem) {
      return [{
        code: 'CHALLENGE_REDIRECT_INVALID', severity: 'fail',
        message: { key: 'finding_challenge_redirect_invalid', params: { ...params, reason: problem } },
        why: { key: 'why_challenge_redirect_invalid' },
        fix: fixSteps('redirect', origin, params),
        evidence: lines,
      }];
    }
    const targetHost = new URL(target).hostname;
    const t = classifyHost(targetHost);
    const offsite = !t.ok || t.registrableDomain !== ev.registrableDomain;
    if (offsite) {
      return [{
        code: 'CHALLENGE_REDIRECT_OFFSITE', severity: 'fail',
        message: { key: 'finding_challenge_redirect_offsite', params: { ...params, target: targetHost } },
        why: { key: 'why_challenge_redirect_offsite' },
        fix: fixSteps('redirect', origin, params),
        evidence: lines,
      }];
    }
  }
  if (out.kind !== 'response') {
    if (out.kind === 'error' && hops.length === 0) return []; // not a reachability verdict (e.g. local DNS failure)
    return [{
      code: 'CHALLENGE_UNREACHABLE', severity: 'fail',
      message: { key: hops.length ? 'finding_challenge_target_unreachable' : out.kind === 'timeout' ? 'finding_challenge_timeout' : 'finding_challenge_refused', params: { ...params, url: out.url } },
      why: { key: 'why_challenge_unreachable' },
      fix: fixSteps('unreachable', origin, params),
      evidence: [...lines, `${out.url} → ${out.reason}`],
    }];
  }
  const last = hops[hops.length - 1];
  if (last && (last.status === 401 || last.status === 403)) {
    const auth = last.headers?.['www-authenticate'];
    return [{
      code: 'CHALLENGE_ACCESS_DENIED', severity: 'fail',
      message: { key: last.status === 401 ? 'finding_challenge_auth' : 'finding_challenge_forbidden', params: { ...params, status: last.status } },
      why: { key: 'why_challenge_access_denied' },
      fix: fixSteps('access', origin, params),
      evidence: [...lines, ...(auth ? [`WWW-Authenticate: ${auth.slice(0, 200)}`] : [])],
    }];
  }
  return [];
}
