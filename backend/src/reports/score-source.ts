import { Injectable, Logger, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { ScoreItem, TeamScore } from './report-model.js';

/** The shape ScoringService.breakdown answers with (issue 4 contract). */
interface ServiceBreakdown {
  teamId: string;
  teamName: string;
  total: number;
  max: number;
  items: ScoreItem[];
}
interface BreakdownProvider {
  breakdown(exerciseId: string): Promise<ServiceBreakdown[]>;
}

// resolved at run time so the reports module builds and runs whether or not scoring is installed
const SCORING_SERVICE_MODULE = '../scoring/scoring.service.js';

/**
 * The score breakdown from the scoring module when the app has it; null otherwise, and the report
 * then derives scores from the event log itself (report-builder.ts).
 */
@Injectable()
export class ScoreSource {
  private readonly logger = new Logger('reports');
  private provider: Promise<BreakdownProvider | null> | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  async breakdown(exerciseId: string): Promise<TeamScore[] | null> {
    const provider = await (this.provider ??= this.resolve());
    if (!provider) return null;
    const teams = await provider.breakdown(exerciseId);
    return teams.map((t) => ({ teamId: t.teamId, total: t.total, max: t.max, items: t.items }));
  }

  private async resolve(): Promise<BreakdownProvider | null> {
    try {
      const mod = (await import(SCORING_SERVICE_MODULE)) as { ScoringService?: Type<BreakdownProvider> };
      if (!mod.ScoringService) return null;
      return this.moduleRef.get(mod.ScoringService, { strict: false });
    } catch (e) {
      this.logger.warn(`scoring service not available; scores are derived from the event log (${(e as Error).message})`);
      return null;
    }
  }
}
