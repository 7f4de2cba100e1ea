// The JSON Schema of a claims database, as an object the loader can compile without touching the disk.
// `claims/claims.schema.json` (what VS Code uses through `jsonValidation`, for completion and hover) is the
// same object written out as JSON; server/test/claims-loader.test.ts fails if the two ever differ.
// Edit both together, then run `npx tsc -b && node scripts/claims-validator.mjs` to regenerate the validators
// (schema-validator.generated.ts, schema-explainer.generated.ts; a unit test fails when they are stale).

export const CLAIM_ID_PATTERN = "^[a-z0-9][a-z0-9-]*$";

/** The only links a claims file may hold: http and https, no spaces (a `command:` or `javascript:` link is refused). */
export const HTTP_URL_PATTERN = "^https?://\\S+$";

/** The formats a claims file may declare in `version`; 2 adds reviewed claims. */
export const CLAIMS_FORMAT_VERSIONS = [1, 2] as const;
export const CURRENT_CLAIMS_VERSION = 2;

/** A fact-checker's review of a claim (schema.org ClaimReview, as `factcheck import` keeps it). */
const REVIEW_SCHEMA = {
  title: "Review",
  description:
    "Version 2: a fact-checker's review of this claim (schema.org ClaimReview): who rated it, how, when, and where the review is. Its text is shown as plain text, never as markup.",
  type: "object",
  required: ["url", "publisher", "rating"],
  additionalProperties: false,
  properties: {
    url: { title: "Review URL", description: "The review article (http or https).", type: "string", pattern: HTTP_URL_PATTERN },
    publisher: {
      title: "Reviewer",
      description: 'Who published the review: name ("PolitiFact") and site ("politifact.com").',
      type: "object",
      required: ["name"],
      additionalProperties: false,
      properties: {
        name: { title: "Reviewer name", description: "The fact-checker, as a reader would cite it.", type: "string", minLength: 1 },
        site: { title: "Reviewer site", description: "The fact-checker's site (a host name or URL).", type: "string", minLength: 1 },
      },
    },
    date: { title: "Review date", description: "When the review was published (ISO 8601, e.g. 2024-05-01).", type: "string", minLength: 1 },
    headline: {
      title: "Review headline",
      description: "The review article's headline, when the feed gives one.",
      type: "string",
      minLength: 1,
    },
    language: { title: "Language", description: 'BCP 47 language of the review, e.g. "en".', type: "string", minLength: 1 },
    rating: {
      title: "Rating",
      description:
        'The review\'s reviewRating (schema.org Rating): the reviewer\'s words ("False", "Pants on Fire!") in textualRating or alternateName, and a value on the scale worstRating–bestRating when given.',
      type: "object",
      additionalProperties: false,
      properties: {
        textualRating: {
          title: "Textual rating",
          description: 'The reviewer\'s words for the verdict ("False", "Pants on Fire!").',
          type: "string",
          minLength: 1,
        },
        alternateName: {
          title: "Alternate name",
          description: "Rating.alternateName, which many feeds use for the verdict instead of textualRating.",
          type: "string",
          minLength: 1,
        },
        ratingValue: { title: "Rating value", description: "The rating on the scale from worstRating to bestRating.", type: "number" },
        bestRating: { title: "Best rating", description: "The value that means true (the top of the scale).", type: "number" },
        worstRating: { title: "Worst rating", description: "The value that means false (the bottom of the scale).", type: "number" },
      },
    },
  },
} as const;

export const CLAIMS_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "Fact Check claims database",
  description: "Recorded claims that Fact Check compares drafts against: who said what, in which words, and where in the source text.",
  type: "object",
  required: ["version", "title", "speakers", "claims"],
  additionalProperties: false,
  properties: {
    $schema: {
      title: "JSON Schema",
      description: 'Path or URL of this schema, so editors can offer completion and hover. Usually "./claims.schema.json".',
      type: "string",
    },
    version: {
      title: "Format version",
      description:
        "Version of the claims file format: 1, or 2 for a file that may also hold reviewed claims (a fact-checker's review of a claim, with no source text: `review`, `url`). Every version-1 file reads the same as version 2.",
      type: "integer",
      enum: [1, 2],
    },
    title: {
      title: "Database title",
      description: "Name of this database, shown in the editor's status and in reports.",
      type: "string",
      minLength: 1,
    },
    source: {
      title: "Source document",
      description:
        "The document the claims are taken from. Every claim's quote must be an exact substring of its text when `file` is given.",
      type: "object",
      required: ["title"],
      additionalProperties: false,
      properties: {
        title: {
          title: "Source title",
          description: "Title of the source document, as a reader would cite it.",
          type: "string",
          minLength: 1,
        },
        file: {
          title: "Source text file",
          description:
            "Plain-text copy of the source, relative to this claims file. When present, every quote is checked against it and missing offsets are filled in. Leave it out when there is no source text.",
          type: "string",
          minLength: 1,
        },
        url: {
          title: "Source URL",
          description: "Where the source was published (http or https).",
          type: "string",
          pattern: HTTP_URL_PATTERN,
        },
      },
    },
    speakers: {
      title: "Speakers",
      description:
        "Everyone claims are attributed to, keyed by a short id (lowercase letters, digits and hyphens) that claims refer to in `speaker`.",
      type: "object",
      propertyNames: {
        pattern: CLAIM_ID_PATTERN,
      },
      additionalProperties: {
        title: "Speaker",
        description: "A person or body that made statements.",
        type: "object",
        required: ["name", "role"],
        additionalProperties: false,
        properties: {
          name: {
            title: "Name",
            description: 'Full name, as a reader would cite it (e.g. "Donald Trump").',
            type: "string",
            minLength: 1,
          },
          role: {
            title: "Role",
            description: 'Office or role at the time of the statements (e.g. "President of the United States").',
            type: "string",
            minLength: 1,
          },
          aliases: {
            title: "Aliases",
            description: 'Other ways a draft may name this speaker (e.g. "Trump", "the president").',
            type: "array",
            items: {
              type: "string",
              minLength: 1,
            },
          },
        },
        defaultSnippets: [
          {
            label: "New speaker",
            body: { name: "$1", role: "$2", aliases: ["$3"] },
          },
        ],
      },
    },
    claims: {
      title: "Claims",
      description: "The recorded claims. Ids must be unique across every loaded database.",
      type: "array",
      items: {
        title: "Claim",
        description:
          "One statement from the source, attributed to a speaker, with the verbatim words it rests on; or (version 2) a reviewed claim: a claim text, where it appeared (`url`) and a fact-checker's `review`, with no source text.",
        type: "object",
        required: ["id", "text"],
        // A claim with a review or a url is a reviewed claim, which needs only an id and a text; any other claim
        // is a statement of the source and needs everything the source-text checks use.
        if: { anyOf: [{ required: ["review"] }, { required: ["url"] }] },
        then: {},
        else: { required: ["speaker", "verb", "section", "quote", "hedged", "polarity"] },
        additionalProperties: false,
        dependencies: {
          start: ["end"],
          end: ["start"],
        },
        properties: {
          id: {
            title: "Claim id",
            description:
              'Stable id, unique across every loaded database: lowercase letters, digits and hyphens (e.g. "esg-s4-no-us-troops").',
            type: "string",
            pattern: CLAIM_ID_PATTERN,
          },
          text: {
            title: "Claim text",
            description: "The claim as a plain statement, with pronouns resolved.",
            type: "string",
            minLength: 1,
          },
          speaker: {
            title: "Speaker",
            description: "Id of the speaker who made the claim: a key of `speakers`.",
            type: "string",
            minLength: 1,
          },
          verb: {
            title: "Attribution verb",
            description: "The attribution verb the source uses: signaled, emphasized, ruled out, stated …",
            type: "string",
            minLength: 1,
          },
          section: {
            title: "Section",
            description: "Heading of the source section the quote is in.",
            type: "string",
          },
          quote: {
            title: "Quote",
            description:
              "The source's own words the claim rests on: an exact substring of the source text (same apostrophes, dashes and spacing).",
            type: "string",
            minLength: 1,
          },
          start: {
            title: "Quote start",
            description:
              "UTF-16 offset where `quote` starts in the source text. Give both `start` and `end`, or neither to have them found.",
            type: "integer",
            minimum: 0,
          },
          end: {
            title: "Quote end",
            description:
              "UTF-16 offset just past the end of `quote` in the source text (exclusive). Give both `start` and `end`, or neither.",
            type: "integer",
            minimum: 0,
          },
          hedged: {
            title: "Hedged",
            description: 'true when the source hedges the claim ("could", "may", "might", "possible", "potential"); false when it is firm.',
            type: "boolean",
          },
          polarity: {
            title: "Polarity",
            description: '"negative" when the claim denies or rules something out ("ruled out troops"); "positive" when it asserts.',
            type: "string",
            enum: ["positive", "negative"],
            enumDescriptions: ["The claim asserts something.", "The claim denies or rules something out."],
          },
          quoteKind: {
            title: "Quote kind",
            description:
              '"direct" when `quote` is the speaker\'s own words (inside quotation marks in the source); "reported" when it is the source\'s paraphrase. Only direct quotes are ever written inside quotation marks. Default "reported".',
            type: "string",
            enum: ["direct", "reported"],
            enumDescriptions: ["The speaker's own words, quoted in the source.", "The source's paraphrase of what the speaker said."],
            default: "reported",
          },
          url: {
            title: "Claim URL",
            description: "Version 2, reviewed claims: where the claim appeared (http or https), its first appearance when known.",
            type: "string",
            pattern: HTTP_URL_PATTERN,
          },
          appearances: {
            title: "Appearances",
            description: "Version 2, reviewed claims: other places the claim appeared (http or https URLs).",
            type: "array",
            items: { type: "string", pattern: HTTP_URL_PATTERN },
          },
          claimDate: {
            title: "Claim date",
            description: "Version 2, reviewed claims: when the claim was made (ISO 8601, e.g. 2024-04-28).",
            type: "string",
            minLength: 1,
          },
          review: REVIEW_SCHEMA,
          reviewed: {
            title: "Reviewed",
            description:
              "true once a person has checked this claim against the source. `factcheck extract --out` over this file keeps reviewed claims exactly as they are written, and does not add a fresh claim over the same words. Default false.",
            type: "boolean",
            default: false,
          },
        },
        defaultSnippets: [
          {
            label: "New claim",
            body: {
              id: "$1",
              text: "$2",
              speaker: "$3",
              verb: "$4",
              section: "$5",
              quote: "$6",
              hedged: false,
              polarity: "positive",
              quoteKind: "reported",
            },
          },
        ],
      },
    },
  },
} as const;
