import type { PluginKind } from '@distillery/core';
import type { Session } from '@distillery/runtime';
import type { BackendSummary, PluginSummary, ProjectSummary, ProviderSummary } from '../../shared/api-types';
import type { Route } from '../route';

function plugins(session: Session, kind: PluginKind): PluginSummary[] {
  return session.plugins.list(kind).map((record) => ({
    id: record.id,
    ...(record.manifest.description ? { description: record.manifest.description } : {}),
    source: record.packageName ?? record.source,
  }));
}

/** Each provider with its model catalog (this loads the provider implementations). */
function providers(session: Session): Promise<ProviderSummary[]> {
  return Promise.all(
    plugins(session, 'model-provider').map(async (summary) => {
      const provider = await session.plugins.provider(summary.id);
      return {
        ...summary,
        models: (provider.models ?? []).map((m) => ({
          id: m.id,
          reasoning: m.reasoning,
          ...(m.parser ? { parser: m.parser } : {}),
          ...(m.pricing ? { pricing: m.pricing } : {}),
        })),
      };
    }),
  );
}

/** Each backend with the LoRA/full choice it offers (none when the provider decides) and its base models. */
async function backends(session: Session): Promise<BackendSummary[]> {
  return Promise.all(
    plugins(session, 'fine-tune-backend').map(async (summary) => {
      const backend = await session.plugins.backend(summary.id);
      return {
        ...summary,
        methods: [...(backend.methods ?? [])],
        baseModels: [...(backend.baseModels ?? [])],
      };
    }),
  );
}

/** The project as the config declares it: tasks with their run configs, and the loaded plugins. Never a key. */
export async function projectSummary(
  session: Session,
  features: ProjectSummary['features'],
): Promise<ProjectSummary> {
  return {
    configFile: session.config.file ?? null,
    dir: session.config.dir,
    tasks: session.config.config.tasks,
    providers: await providers(session),
    flows: plugins(session, 'call-flow'),
    parsers: plugins(session, 'reasoning-parser'),
    backends: await backends(session),
    features,
  };
}

export function projectRoutes(features: ProjectSummary['features']): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/project',
      handler: ({ ctx }) => projectSummary(ctx.session, features),
    },
  ];
}
