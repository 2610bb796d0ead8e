import type { InjectOrigin, PackError, PackErrorParams, ParsedFile } from './pack-file.js';
import { parseDurationMs, parseOffsetMs, type ScenarioPack } from './pack-schema.js';

export const DECISION_SPECIAL_OUTCOMES = ['blocked', 'timed-out'] as const;

/** Cross-reference checks that a schema alone cannot express. */
export function checkPackReferences(pack: ScenarioPack, packFile: ParsedFile, origins: InjectOrigin[]): PackError[] {
  const errors: PackError[] = [];
  const durationMs = parseDurationMs(pack.duration);
  const injectErr = (i: number, path: (string | number)[], message: string, code: string, params?: PackErrorParams) => {
    const origin = origins[i];
    if (!origin) throw new Error(`no origin for inject ${i}`);
    errors.push(origin.file.error(['injects', origin.index, ...path], message, code, params));
  };
  const known = (ids: Iterable<string>) => [...ids].join(', ');

  const teamIds = new Set<string>();
  pack.teams.forEach((t, i) => {
    if (teamIds.has(t.id))
      errors.push(packFile.error(['teams', i, 'id'], `duplicate team id "${t.id}"`, 'duplicate.team', { id: t.id }));
    teamIds.add(t.id);
  });
  const objectiveIds = new Set<string>();
  pack.objectives.forEach((o, i) => {
    if (objectiveIds.has(o.id))
      errors.push(
        packFile.error(['objectives', i, 'id'], `duplicate objective id "${o.id}"`, 'duplicate.objective', {
          id: o.id,
        }),
      );
    objectiveIds.add(o.id);
  });

  const phaseIds = new Set<string>();
  pack.phases.forEach((p, i) => {
    if (phaseIds.has(p.id))
      errors.push(packFile.error(['phases', i, 'id'], `duplicate phase id "${p.id}"`, 'duplicate.phase', { id: p.id }));
    phaseIds.add(p.id);
    if (parseOffsetMs(p.start) > durationMs)
      errors.push(
        packFile.error(['phases', i, 'start'], 'phase starts after the end of the exercise', 'phase.startsAfterEnd', {
          start: p.start,
          duration: pack.duration,
        }),
      );
  });

  const injectIndex = new Map<string, number>();
  const decisions = new Map<string, { injectIdx: number; outcomes: Set<string> }>();
  pack.injects.forEach((inj, i) => {
    if (injectIndex.has(inj.id))
      injectErr(i, ['id'], `duplicate inject id "${inj.id}"`, 'duplicate.inject', { id: inj.id });
    else injectIndex.set(inj.id, i);
    if (inj.decision) {
      if (decisions.has(inj.decision.id))
        injectErr(i, ['decision', 'id'], `duplicate decision id "${inj.decision.id}"`, 'duplicate.decision', {
          id: inj.decision.id,
        });
      else {
        const outcomes = new Set<string>([...inj.decision.options.map((o) => o.id), ...DECISION_SPECIAL_OUTCOMES]);
        decisions.set(inj.decision.id, { injectIdx: i, outcomes });
      }
    }
  });

  pack.injects.forEach((inj, i) => {
    const targets = inj.to === 'all' ? [...teamIds] : inj.to;
    if (inj.to !== 'all') {
      inj.to.forEach((t, k) => {
        if (!teamIds.has(t))
          injectErr(i, ['to', k], `unknown team "${t}" (teams: ${known(teamIds)})`, 'unknown.teamOf', {
            id: t,
            known: known(teamIds),
          });
      });
    }
    inj.objectives.forEach((o, k) => {
      if (!objectiveIds.has(o))
        injectErr(i, ['objectives', k], `unknown objective "${o}"`, 'unknown.objective', { id: o });
    });
    if (inj.phase !== undefined && !phaseIds.has(inj.phase))
      injectErr(i, ['phase'], `unknown phase "${inj.phase}"`, 'unknown.phase', { id: inj.phase });
    if (inj.offset === undefined && inj.trigger === undefined)
      injectErr(i, [], 'an inject needs an offset or a trigger', 'inject.needsOffsetOrTrigger');
    if (inj.offset !== undefined && inj.trigger !== undefined)
      injectErr(i, ['trigger'], 'an inject has either an offset or a trigger, not both', 'inject.offsetAndTrigger');
    if (inj.offset !== undefined && parseOffsetMs(inj.offset) > durationMs) {
      injectErr(
        i,
        ['offset'],
        `offset ${inj.offset} is after the end of the exercise (duration ${pack.duration})`,
        'inject.offsetAfterEnd',
        {
          offset: inj.offset,
          duration: pack.duration,
        },
      );
    }
    const optionIds = new Set<string>();
    inj.responseOptions.forEach((o, k) => {
      if (optionIds.has(o.id))
        injectErr(
          i,
          ['responseOptions', k, 'id'],
          `duplicate response option id "${o.id}"`,
          'duplicate.responseOption',
          {
            id: o.id,
          },
        );
      optionIds.add(o.id);
    });
    const distractors = new Set(inj.responseOptions.filter((o) => o.distractor).map((o) => o.id));
    const actionIds = new Set<string>();
    inj.expectedActions.forEach((a, k) => {
      if (actionIds.has(a.id))
        injectErr(
          i,
          ['expectedActions', k, 'id'],
          `duplicate expected action id "${a.id}"`,
          'duplicate.expectedAction',
          {
            id: a.id,
          },
        );
      actionIds.add(a.id);
      a.options.forEach((o, m) => {
        if (!optionIds.has(o))
          injectErr(
            i,
            ['expectedActions', k, 'options', m],
            `unknown response option "${o}"`,
            'unknown.responseOption',
            {
              id: o,
            },
          );
        else if (distractors.has(o))
          injectErr(
            i,
            ['expectedActions', k, 'options', m],
            `response option "${o}" is a distractor and cannot cover an expected action`,
            'option.distractorCoversAction',
            { option: o },
          );
      });
      a.teams?.forEach((t, m) => {
        if (!teamIds.has(t))
          injectErr(i, ['expectedActions', k, 'teams', m], `unknown team "${t}"`, 'unknown.team', { id: t });
        else if (!targets.includes(t))
          injectErr(
            i,
            ['expectedActions', k, 'teams', m],
            `team "${t}" does not receive this inject`,
            'team.notRecipient',
            {
              team: t,
            },
          );
      });
    });
    if (inj.decision) {
      const optIds = new Set<string>();
      inj.decision.options.forEach((o, k) => {
        if (optIds.has(o.id))
          injectErr(
            i,
            ['decision', 'options', k, 'id'],
            `duplicate decision option id "${o.id}"`,
            'duplicate.decisionOption',
            {
              id: o.id,
            },
          );
        if ((DECISION_SPECIAL_OUTCOMES as readonly string[]).includes(o.id)) {
          injectErr(
            i,
            ['decision', 'options', k, 'id'],
            `"${o.id}" is reserved for decision outcomes`,
            'decision.reservedOption',
            {
              id: o.id,
            },
          );
        }
        optIds.add(o.id);
      });
      inj.decision.members?.forEach((m, k) => {
        if (!teamIds.has(m)) injectErr(i, ['decision', 'members', k], `unknown team "${m}"`, 'unknown.team', { id: m });
        else if (!targets.includes(m))
          injectErr(
            i,
            ['decision', 'members', k],
            `team "${m}" votes but does not receive this inject`,
            'team.votesNotRecipient',
            {
              team: m,
            },
          );
      });
    }
    const trig = inj.trigger;
    if (trig) {
      switch (trig.type) {
        case 'after-inject':
        case 'response-option':
        case 'contingency': {
          const ref = injectIndex.get(trig.inject);
          if (ref === undefined) {
            injectErr(i, ['trigger', 'inject'], `unknown inject "${trig.inject}"`, 'unknown.inject', {
              id: trig.inject,
            });
            break;
          }
          const refInject = pack.injects[ref];
          if (
            trig.type === 'response-option' &&
            refInject &&
            !refInject.responseOptions.some((o) => o.id === trig.option)
          ) {
            injectErr(
              i,
              ['trigger', 'option'],
              `inject "${trig.inject}" has no response option "${trig.option}"`,
              'trigger.noResponseOption',
              { inject: trig.inject, option: trig.option },
            );
          }
          if (trig.type === 'contingency') {
            const action = refInject?.expectedActions.find((a) => a.id === trig.expectedAction);
            if (refInject && !action) {
              injectErr(
                i,
                ['trigger', 'expectedAction'],
                `inject "${trig.inject}" has no expected action "${trig.expectedAction}"`,
                'trigger.noExpectedAction',
                { inject: trig.inject, action: trig.expectedAction },
              );
            }
            // a team the action is not expected of never logs it, so it would always get the contingency
            const outside = action?.teams ? targets.filter((t) => !action.teams?.includes(t)) : [];
            if (outside.length > 0)
              injectErr(
                i,
                ['to'],
                `expected action "${trig.expectedAction}" is only expected of ${action?.teams?.join(', ')}; this contingency also goes to ${outside.join(', ')}`,
                'trigger.contingencyOutsideTeams',
                { action: trig.expectedAction, teams: action?.teams?.join(', ') ?? '', outside: outside.join(', ') },
              );
            if (parseOffsetMs(trig.at) > durationMs)
              injectErr(i, ['trigger', 'at'], `${trig.at} is after the end of the exercise`, 'trigger.afterEnd', {
                at: trig.at,
                duration: pack.duration,
              });
            if (refInject?.offset !== undefined && parseOffsetMs(trig.at) <= parseOffsetMs(refInject.offset)) {
              injectErr(
                i,
                ['trigger', 'at'],
                `${trig.at} is not after inject "${trig.inject}" (${refInject.offset})`,
                'trigger.notAfterInject',
                { at: trig.at, inject: trig.inject, offset: refInject.offset },
              );
            }
          }
          break;
        }
        case 'decision-outcome': {
          const d = decisions.get(trig.decision);
          if (!d)
            injectErr(i, ['trigger', 'decision'], `unknown decision "${trig.decision}"`, 'unknown.decision', {
              id: trig.decision,
            });
          else if (!d.outcomes.has(trig.outcome)) {
            injectErr(
              i,
              ['trigger', 'outcome'],
              `decision "${trig.decision}" has no outcome "${trig.outcome}" (outcomes: ${known(d.outcomes)})`,
              'trigger.noOutcome',
              { decision: trig.decision, outcome: trig.outcome, known: known(d.outcomes) },
            );
          }
          break;
        }
      }
    }
  });

  // A trigger chain that loops back on itself would never release anything.
  const dependsOn = (i: number): number | undefined => {
    const trig = pack.injects[i]?.trigger;
    if (!trig) return undefined;
    if (trig.type === 'decision-outcome') return decisions.get(trig.decision)?.injectIdx;
    return injectIndex.get(trig.inject);
  };
  const reported = new Set<number>();
  pack.injects.forEach((_, start) => {
    const seen = new Set<number>([start]);
    let cur = dependsOn(start);
    while (cur !== undefined) {
      if (cur === start) {
        if (!reported.has(start)) {
          const cycle = [...seen].map((k) => pack.injects[k]?.id).join(' → ');
          injectErr(start, ['trigger'], `trigger cycle: ${cycle} → ${pack.injects[start]?.id}`, 'trigger.cycle', {
            cycle: `${cycle} → ${pack.injects[start]?.id}`,
          });
          seen.forEach((k) => reported.add(k));
        }
        break;
      }
      if (seen.has(cur)) break;
      seen.add(cur);
      cur = dependsOn(cur);
    }
  });
  return errors;
}
