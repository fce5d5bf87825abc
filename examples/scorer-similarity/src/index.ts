import { similarityScorer } from './similarity-scorer';

export { editDistance } from './edit-distance';
export { type SimilarityOptions, similarity, similarityScorer } from './similarity-scorer';

/** Default export for configs: `plugins: ['@acme/distillery-scorer-similarity']`. */
export default similarityScorer;
