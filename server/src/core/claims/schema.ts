// The JSON Schema of a claims database, as an object the loader can compile without touching the disk.
// `claims/claims.schema.json` (what VS Code uses through `jsonValidation`, for completion and hover) is the
// same object written out as JSON; server/test/claims-loader.test.ts fails if the two ever differ.
// Edit both together.

export const CLAIM_ID_PATTERN = "^[a-z0-9][a-z0-9-]*$";

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
      description: "Version of the claims file format. Always 1.",
      type: "integer",
      const: 1,
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
          pattern: "^https?://\\S+$",
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
        description: "One statement from the source, attributed to a speaker, with the verbatim words it rests on.",
        type: "object",
        required: ["id", "text", "speaker", "verb", "section", "quote", "hedged", "polarity"],
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
