/**
 * The story, step by step (dataset.json `steps`). Contract: a group named "Story" / "Historia"
 * holding "Step N of M", the step's title and text (its numbered sources as links), and the buttons
 * "Previous step" / "Next step"; ← and → move between steps while focus is in the group. Outside
 * the story it offers to start it, or, once the reader has left it by choosing something
 * themselves, "Back to step N". A step sets the date, the filter, the country and the links the
 * map emphasises (store.ts `goToStep`).
 */
import './story-stepper.css';
import type { KeyboardEvent } from 'react';
import { type StoryStep, stepSources, storySteps } from '../data/steps.ts';
import { fill } from '../i18n/strings.ts';
import { usePolicyData, useStrings } from '../state/data-context.ts';
import { useAppStore } from '../state/store.ts';
import { useWide } from './layout.ts';
import { SourceItem } from './measure-article.tsx';
import { WithFullData } from './with-full-data.tsx';

/** "The story in M steps — start": step 1. */
export function StoryStartButton() {
  const t = useStrings();
  const m = storySteps(usePolicyData()).length;
  const goToStep = useAppStore((s) => s.goToStep);
  if (m === 0) return null;
  return (
    <button type="button" className="story-start" onClick={() => goToStep(1)}>
      {fill(t.storyStart, { m })}
    </button>
  );
}

const sourceId = (n: number) => `story-source-${n}`;

/** The step's sentences, each followed by its numbered sources ([1], [2]…), and the list they point to. */
function StepText({ step }: { step: StoryStep }) {
  const lang = useAppStore((s) => s.lang);
  const t = useStrings();
  return (
    <WithFullData quiet>
      {(full) => {
        const { sources, numbers } = stepSources(full, step);
        return (
          <>
            <p className="story-text">
              {step.text.map((sentence, i) => (
                <span key={`${step.id}-${i}`}>
                  {sentence[lang]}
                  {(numbers[i] ?? []).map((n) => (
                    <a key={n} className="cite" href={`#${sourceId(n)}`}>
                      [{n}]
                    </a>
                  ))}{' '}
                </span>
              ))}
            </p>
            <ol className="sources story-sources" aria-label={t.sources}>
              {sources.map(({ measure, source }, i) => (
                <SourceItem
                  key={sourceId(i + 1)}
                  measure={measure}
                  source={source}
                  t={t}
                  lang={lang}
                  number={i + 1}
                  id={sourceId(i + 1)}
                />
              ))}
            </ol>
          </>
        );
      }}
    </WithFullData>
  );
}

/** Step N of M: its title, its text and sources, and the buttons to the steps around it. */
function StepCard({ n, steps }: { n: number; steps: readonly StoryStep[] }) {
  const t = useStrings();
  const lang = useAppStore((s) => s.lang);
  const goToStep = useAppStore((s) => s.goToStep);
  const step = steps[n - 1] as StoryStep;
  const m = steps.length;
  const onKeyDown = (e: KeyboardEvent) => {
    const to = e.key === 'ArrowLeft' ? n - 1 : e.key === 'ArrowRight' ? n + 1 : null;
    if (to === null || to < 1 || to > m) return;
    e.preventDefault();
    goToStep(to);
  };
  return (
    <fieldset className="story" onKeyDown={onKeyDown}>
      <legend className="visually-hidden">{t.storyLabel}</legend>
      <div className="story-bar">
        <p className="story-count">{fill(t.storyStepOf, { n, m })}</p>
        <div className="story-buttons">
          <button type="button" onClick={() => goToStep(n - 1)} disabled={n === 1}>
            ← {t.storyPrevious}
          </button>
          <button type="button" onClick={() => goToStep(n + 1)} disabled={n === m}>
            {t.storyNext} →
          </button>
        </div>
      </div>
      <h2 className="story-title">{step.title[lang]}</h2>
      <StepText step={step} />
      <p className="visually-hidden">{t.storyKeys}</p>
    </fieldset>
  );
}

/**
 * The stepper, where it goes, so it never covers the map: at the top of an open country's panel
 * (beside the map, below it, or in the phones' bottom sheet) — `place="panel"`, where the panel
 * sits beside the map or the reader is in the story; at the top of the empty panel where the panel
 * sits beside the map — `"empty-panel"`; else under the map — `"map"`.
 */
export function StoryStepper({ place }: { place: 'panel' | 'empty-panel' | 'map' }) {
  const wide = useWide();
  const open = useAppStore((s) => s.selected !== null);
  // An open country's panel shows the story only while the reader is in it (or has just left it):
  // the offer to start it stays with the empty panel or under the map.
  const inStory = useAppStore((s) => s.step !== null || s.leftStep !== null);
  if (wide === null) {
    // Hydrating the prerendered page, written for no width in particular: the offer goes in both
    // places, each shown by CSS only at its widths (story-stepper.css); the next render keeps one.
    const only = place === 'empty-panel' ? 'wide' : place === 'map' && !open ? 'narrow' : null;
    return only || (place === 'panel' && inStory) ? <Stepper only={only ?? undefined} /> : null;
  }
  const here = place === 'panel' ? inStory || wide : place === 'empty-panel' ? wide : !wide && !open;
  return here ? <Stepper /> : null;
}

function Stepper({ only }: { only?: 'wide' | 'narrow' }) {
  const t = useStrings();
  const steps = storySteps(usePolicyData());
  const step = useAppStore((s) => s.step);
  const left = useAppStore((s) => s.leftStep);
  const goToStep = useAppStore((s) => s.goToStep);
  if (steps.length === 0) return null;
  if (step !== null) return <StepCard n={step} steps={steps} />;
  return (
    <fieldset className="story story-idle" data-only={only}>
      <legend className="visually-hidden">{t.storyLabel}</legend>
      {left !== null ? (
        <>
          <p>{t.storyLeft}</p>
          <button type="button" className="story-start" onClick={() => goToStep(left)}>
            {fill(t.storyBack, { n: left })}
          </button>
        </>
      ) : (
        <StoryStartButton />
      )}
    </fieldset>
  );
}
