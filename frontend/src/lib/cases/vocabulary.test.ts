// Keys built at run time (`cases:states.${state}`) escape the type check: every code the
// contract or the app can produce must have its words, in both languages.
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/locales/en/cases.json';
import zh from '@/lib/i18n/locales/zh-CN/cases.json';
import { CASE_COMMANDS } from './api/case-commands';
import type { TaskCommandBodies } from './api/task-commands';
import { CASE_STATES } from './lifecycle';

const TASK_COMMANDS: (keyof TaskCommandBodies)[] = [
  'acknowledge',
  'request_correction',
  'supply_correction',
  'supply_missing_materials',
  'extend',
  'finish',
  'approve_on_commitment',
  'send_back',
  'redispatch',
  'transfer',
  'record_result_notice',
];
const TASK_STATES = ['dispatched', 'acknowledged', 'paused', 'finished', 'sent_back', 'cancelled'];

describe('case vocabulary', () => {
  it.each([
    ['zh-CN', zh],
    ['en', en],
  ])('%s names every state, action and sheet state', (_, strings) => {
    for (const state of CASE_STATES) {
      expect(strings.states[state], state).toBeTruthy();
      expect(strings.stateSteps[state], state).toBeTruthy();
    }
    for (const state of CASE_STATES.filter((s) => s !== 'in_service' && s !== 'completed' && s !== 'terminated')) {
      expect((strings.progress.state as Record<string, string>)[state], state).toBeTruthy();
    }
    for (const action of CASE_COMMANDS) {
      expect(strings.actions[action], action).toBeTruthy();
      expect((strings.events as Record<string, string>)[action], action).toBeTruthy();
    }
    for (const action of TASK_COMMANDS) expect(strings.taskActions[action], action).toBeTruthy();
    for (const state of TASK_STATES) expect((strings.taskStates as Record<string, string>)[state], state).toBeTruthy();
  });
});
