import { FineTuneMethodSchema, type PluginKind } from '@distillery/core';
import type { Session } from '@distillery/runtime';
import type { BackendSummary, PluginSummary, ProjectSummary, ProviderSummary } from '../../shared/api-types';
import type { Route } from '../route';

function plugins(session: Session, kind: PluginKind): PluginSummary[] {
  return session.plugins.list(kind).map((record) => ({
    id: record.id,
    ...(record.plugin.description ? { description: record.plugin.description } : {}),
    source: record.packageName ?? record.source,
  }));
}

function providers(session: Session): ProviderSummary[] {
  return plugins(session, 'model-provider').map((summary) => {
    const provider = session.plugins.provider(summary.id);
    return {
      ...summary,
      models: (provider.models ?? []).map((m) => ({
        id: m.id,
        reasoning: m.reasoning,
        ...(m.parser ? { parser: m.parser } : {}),
        ...(m.pricing ? { pricing: m.pricing } : {}),
      })),
    };
  });
}

/** Each backend with the methods and base models it says it offers (both methods unless it says otherwise). */
function backends(session: Session): BackendSummary[] {
  return plugins(session, 'fine-tune-backend').map((summary) => {
    const backend = session.plugins.backend(summary.id);
    return {
      ...summary,
      methods: [...(backend.methods ?? FineTuneMethodSchema.options)],
      baseModels: [...(backend.baseModels ?? [])],
    };
  });
}

/** The project as the config declares it: tasks with their run configs, and the loaded plugins. Never a key. */
export function projectSummary(session: Session, features: ProjectSummary['features']): ProjectSummary {
  return {
    configFile: session.config.file ?? null,
    dir: session.config.dir,
    tasks: session.config.config.tasks,
    providers: providers(session),
    flows: plugins(session, 'call-flow'),
    parsers: plugins(session, 'reasoning-parser'),
    backends: backends(session),
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
