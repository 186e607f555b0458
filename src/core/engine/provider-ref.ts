// The report's `provider` (the origin host whose renewal is judged, with its evidence and confidence) and `cdn`
// (a CDN or proxy in front), as the JSON contract shapes them. A brand on a platform reads "Brand (Platform)".
import type { Detection } from '../providers/detect-provider';
import type { ProviderRef, Report } from './types';

const ref = (p: { id: string; names: { en: string; ja: string } }): ProviderRef => ({
  id: p.id,
  name: p.names.en,
  nameJa: p.names.ja,
});

export function reportProviders({ origin, cdn, others }: Detection): Pick<Report, 'provider' | 'cdn'> {
  const brand = origin?.brand
    ? {
        name: `${origin.brand} (${origin.provider.names.en})`,
        nameJa: `${origin.brand}(${origin.provider.names.ja})`,
      }
    : {};
  return {
    provider: origin
      ? {
          ...ref(origin.provider),
          ...brand,
          evidence: origin.evidence,
          chosenByUser: origin.chosenByUser,
          confidence: origin.confidence,
          others: others.map((c) => ref(c.provider)),
        }
      : null,
    cdn: cdn ? { ...ref(cdn.provider), evidence: cdn.evidence } : null,
  };
}
