import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRoutes } from '@/testing/test-utils';
import { CriticalTag } from './critical-tag';

describe('CriticalTag', () => {
  it('marks a critical sheet with the working days its lateness holds the project up', async () => {
    await renderRoutes([{ path: '/', element: <CriticalTag critical holdsUp={2} /> }], '/');
    expect(await screen.findByText(/关键路径 · 已拖后项目 2 个工作日/)).toBeTruthy();
  });

  it('marks a critical sheet that is not late without a delay', async () => {
    await renderRoutes([{ path: '/', element: <CriticalTag critical holdsUp={0} /> }], '/');
    const tag = await screen.findByText(/关键路径/);
    expect(tag.textContent).not.toMatch(/拖后/);
  });

  it('shows nothing for a sheet off the critical path', async () => {
    const element = (
      <p>
        任务单
        <CriticalTag critical={false} holdsUp={3} />
      </p>
    );
    await renderRoutes([{ path: '/', element }], '/');
    expect(await screen.findByText('任务单')).toBeTruthy();
    expect(screen.queryByText(/关键路径/)).toBeNull();
  });
});
