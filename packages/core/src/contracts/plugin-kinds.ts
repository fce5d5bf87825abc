/**
 * The one table of plugin kinds: how people call each kind, which contract versions this copy of
 * core understands, what a plugin of the kind must have, and the optional capabilities it may
 * offer (each a small separate contract, with the methods that make it up). The runtime, the CLI
 * and the web server read this table; adding a kind is a row here plus its contract folder.
 */
export const PLUGIN_KIND_TABLE = {
  'reasoning-parser': {
    label: 'parser',
    versions: ['v1'],
    methods: ['create'],
    properties: {},
    capabilities: {},
  },
  'model-provider': {
    label: 'provider',
    versions: ['v1'],
    methods: ['chat', 'stream'],
    properties: {},
    // `batch`: many calls as one provider-side job; its methods come with contracts/batch/v1.
    capabilities: { batch: [] },
  },
  'call-flow': {
    label: 'call flow',
    versions: ['v1'],
    methods: ['run'],
    properties: {},
    capabilities: {},
  },
  'fine-tune-backend': {
    label: 'fine-tune backend',
    versions: ['v1'],
    methods: ['check', 'create', 'get', 'events', 'cancel'],
    properties: { formats: 'string[]', provider: 'string' },
    capabilities: {
      files: ['upload'],
      deployments: ['deploy', 'getEndpoint'],
      hardware: ['listHardware'],
      limits: ['limits'],
      pricing: ['trainingPricePerMillionTokens'],
    },
  },
  scorer: {
    label: 'scorer',
    versions: ['v1'],
    // `score` (mode single) or `compare` (mode pairwise): checkPlugin checks the one its mode needs.
    methods: [],
    properties: {},
    capabilities: {},
  },
} as const satisfies Record<string, PluginKindSpec>;

export interface PluginKindSpec {
  /** What people call a plugin of this kind in messages: `Unknown parser "x"`. */
  label: string;
  /** Contract versions this core supports, oldest first. */
  versions: readonly string[];
  /** Methods every plugin of the kind must have. */
  methods: readonly string[];
  /** Properties every plugin of the kind must have, with their type. */
  properties: Readonly<Record<string, 'string' | 'string[]'>>;
  /** Optional capabilities, each with the methods a plugin offering it must have. */
  capabilities: Readonly<Record<string, readonly string[]>>;
}

export type PluginKind = keyof typeof PLUGIN_KIND_TABLE;

/** Every kind, in table order. */
export const PLUGIN_KINDS = Object.keys(PLUGIN_KIND_TABLE) as readonly PluginKind[];

/** The spec of a kind, widened for code that reads any kind. */
export function pluginKindSpec(kind: PluginKind): PluginKindSpec {
  return PLUGIN_KIND_TABLE[kind];
}

/** Whether `value` names a known kind. */
export function isPluginKind(value: unknown): value is PluginKind {
  return typeof value === 'string' && Object.hasOwn(PLUGIN_KIND_TABLE, value);
}

/** The contract versions of every kind: the latest is the last. */
export type SpecificationVersion = (typeof PLUGIN_KIND_TABLE)[PluginKind]['versions'][number];

/**
 * Every version any kind supports.
 * @deprecated Versions are per kind: read `PLUGIN_KIND_TABLE[kind].versions`.
 */
export const SUPPORTED_SPECIFICATION_VERSIONS = [
  ...new Set(PLUGIN_KINDS.flatMap((kind) => PLUGIN_KIND_TABLE[kind].versions)),
] as readonly SpecificationVersion[];
