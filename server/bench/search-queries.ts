// What a writer types into the claim search (the command palette) over the bench's databases: words of the
// generated feed's claims (claims-gen.ts: subjects, verbs, places), speaker names, roles and sections, with and
// without typos, and two about the bundled article. Each finds claims, unlike the query-plus-a-number the goals
// row timed before (a lone digit matches almost no claim, so most of those queries timed an empty answer).
export const SEARCH_QUERIES: readonly string[] = [
  "rulled out amercan troops",
  "Jensen housing",
  "Section 12 ferry fares",
  "minister budget",
  "coalition schools Warsaw",
  "univercity board water pipes",
  "Katrin Novak",
  "Novak museums",
  "central bank hospitals",
  "electric hospitals in Cork",
  "privatize",
  "cancel universities Sofia",
  "goverment spokesperson Porto",
  "Section 2000",
  "mayor Leipzig",
  "nato membrship ukrane",
];
