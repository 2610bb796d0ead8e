import { Injectable } from '@nestjs/common';
import type { ParticipantPrincipal } from '../auth/principal.js';
import { notFound } from '../common/domain-error.js';
import { PackImages } from '../scenarios/images/pack-images.service.js';
import { TeamVisibility } from './team-visibility.js';

/** Images of injects for players: only of an inject already delivered to their own team. */
@Injectable()
export class PlayerImages {
  constructor(
    private readonly visibility: TeamVisibility,
    private readonly images: PackImages,
  ) {}

  /** The image artifact at `index` of an inject; 404 alike for future, foreign and unknown injects. */
  async image(
    p: ParticipantPrincipal,
    injectId: string,
    index: number,
  ): Promise<{ contentType: string; data: Buffer }> {
    const inject = await this.visibility.deliveredInject(p, injectId);
    const artifact = inject.artifacts[index];
    if (artifact?.kind !== 'image') throw notFound('image', `${injectId}/${index}`);
    // the exercise's pack version holds the images its snapshot shows, whatever was saved since
    const exercise = await this.visibility.exercise(p.exerciseId);
    return this.images.forPack(exercise.packRecordId, artifact.path);
  }
}
