import { createContext, type ReactNode, useContext } from 'react';
import type { ProjectSummary } from '../../shared/api-types';
import { useApi } from './use-api';

const ProjectContext = createContext<ProjectSummary | undefined>(undefined);

/** Loads the project (tasks, providers, flows, parsers) once for every page. */
export function ProjectProvider({
  children,
  fallback,
}: {
  children: ReactNode;
  fallback: (error?: string) => ReactNode;
}) {
  const { data, error } = useApi<ProjectSummary>('/api/project');
  if (!data) return <>{fallback(error?.message)}</>;
  return <ProjectContext.Provider value={data}>{children}</ProjectContext.Provider>;
}

export function useProject(): ProjectSummary {
  const project = useContext(ProjectContext);
  if (!project) throw new Error('useProject outside ProjectProvider');
  return project;
}
