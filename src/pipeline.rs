//! The per-document pipeline, declared once as [`STAGES`]: page furniture → sentences → tokens → entity
//! matching → discovery → alias resolution → claims → affiliation → graph.
//!
//! [`analyze`] is a pure function of one document and the shared, read-only gazetteer, which is what
//! lets the run stage process documents on any number of threads and still produce identical output.

use crate::affiliation;
use crate::claims::boundaries::{self, Bounds};
use crate::claims::{self, Claim};
use crate::corpus::{Document, Status};
use crate::dates::Day;
use crate::discover;
use crate::entity::{DocEntities, Entity};
use crate::gazetteer::Gazetteer;
use crate::graph::{DocGraph, DocGraphBuilder, EdgeKind};
use crate::isolate;
use crate::mentions::{self, Mention};
use crate::resolve;
use crate::sentences::{self, Sentence};
use crate::tokens::Tokens;

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The document itself (text, status, furniture).
    pub doc: Document,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Entities discovered in this document by rules (see [`crate::discover`]).
    pub discovered: Vec<Entity>,
    /// Its entity mentions, in order, non-overlapping.
    pub mentions: Vec<Mention>,
    /// Index into `sentences` for each mention.
    pub mention_sentence: Vec<usize>,
    /// Attributed claims, ordered by content start.
    pub claims: Vec<Claim>,
    /// This document's contribution to the corpus graph.
    pub graph: DocGraph,
    /// Whether analysis panicked (the document is then `skipped` with an "internal error" reason
    /// and nothing was extracted; see [`crate::isolate`]).
    pub internal_error: bool,
}

impl Analysis {
    /// The entities this document's mentions refer to.
    pub fn entities<'a>(&'a self, gaz: &'a Gazetteer) -> DocEntities<'a> {
        DocEntities {
            known: &gaz.entities,
            found: &self.discovered,
        }
    }

    /// Who made claim `c`, by name: the resolved entity's name, else the phrase naming the speaker,
    /// else empty (the `speaker` column of claims.csv).
    pub fn speaker_name<'a>(&'a self, c: &Claim, entities: DocEntities<'a>) -> &'a str {
        match (c.speaker_entity, &c.speaker_name) {
            (Some(e), _) => entities.get(e).name.as_str(),
            (None, Some(r)) => &self.doc.text[r.clone()],
            (None, None) => "",
        }
    }

    /// Ids of the entities mentioned in claim `c`'s content, in order of first mention (the cells
    /// of the `entities` column of claims.csv).
    pub fn claim_entity_ids<'a>(
        &self,
        c: &Claim,
        entities: DocEntities<'a>,
    ) -> Vec<std::borrow::Cow<'a, str>> {
        let mut ids: Vec<std::borrow::Cow<'a, str>> = Vec::new();
        for id in self.claim_mention_ids(c, entities) {
            if !ids.iter().any(|seen| seen == id) {
                ids.push(std::borrow::Cow::Borrowed(id));
            }
        }
        ids
    }

    /// The entity id of each mention in claim `c`'s content, in order, repeats included
    /// ([`Analysis::claim_entity_ids`] keeps the first of each).
    pub fn claim_mention_ids<'s, 'a: 's>(
        &'s self,
        c: &Claim,
        entities: DocEntities<'a>,
    ) -> impl Iterator<Item = &'a str> + 's {
        self.mentions[c.mentions.clone()]
            .iter()
            .map(move |m| entities.get(m.entity).id.as_str())
    }
}

/// Builds the lexicons, tables and patterns that entity matching, discovery, resolution and the
/// claims stage read, before the first document: a run needs them all anyway, and built here
/// they are charged to start-up in a profile instead of to whichever stage first reads them.
pub fn prepare() {
    use crate::lexicon::{
        CLUB_CONTEXT, CLUB_SHORT_FORMS, CLUB_VERBS, COMPETITION_AFTER, COMPETITION_BEFORE,
        COMPETITION_HEADS, FAMILY_FIRST, FIRST_NAMES, LOCATIVES, NAME_COORDINATORS, NOT_ENTITIES,
        PLACE_BEFORE, POST_NOMINALS, SURNAMES, SURNAME_PARTICLES, TEAM_BEFORE, TEAM_SPORTS,
        WORK_CUES,
    };
    for list in [
        &FIRST_NAMES,
        &SURNAMES,
        &FAMILY_FIRST,
        &SURNAME_PARTICLES,
        &LOCATIVES,
        &NAME_COORDINATORS,
        &NOT_ENTITIES,
        &CLUB_CONTEXT,
        &CLUB_VERBS,
        &CLUB_SHORT_FORMS,
        &WORK_CUES,
        &POST_NOMINALS,
        &COMPETITION_AFTER,
        &COMPETITION_BEFORE,
        &COMPETITION_HEADS,
        &PLACE_BEFORE,
        &TEAM_BEFORE,
        &TEAM_SPORTS,
    ] {
        once_cell::sync::Lazy::force(list);
    }
    crate::word_classes::prepare();
    discover::prepare();
    resolve::prepare();
    crate::org_evidence::prepare();
    crate::sports::prepare();
    crate::scorecards::prepare();
    claims::prepare();
}

/// Runs every stage on one document.
///
/// A panic propagates to the caller; [`crate::isolate::analyze_isolated`] is the variant the run
/// uses, which turns it into a skipped document.
pub fn analyze(doc: Document, gaz: &Gazetteer) -> Analysis {
    analyze_with(doc, gaz, Bounds::default())
}

/// [`analyze`] keeping the content bounds `bounds` (training reads the rules' own).
pub fn analyze_with(doc: Document, gaz: &Gazetteer, bounds: Bounds) -> Analysis {
    let mut doc = doc;
    let stages = run_stages_with(&mut doc, gaz, bounds);
    stages.into_analysis(doc)
}

/// An analysis with nothing extracted (a skipped or empty document).
pub fn empty(doc: Document) -> Analysis {
    Stages::default().into_analysis(doc)
}

/// What the stages extract from a document, apart from the document itself.
#[derive(Default)]
pub struct Stages {
    sentences: Vec<Sentence>,
    discovered: Vec<Entity>,
    mentions: Vec<Mention>,
    mention_sentence: Vec<usize>,
    claims: Vec<Claim>,
    graph: DocGraph,
}

impl Stages {
    /// Pairs the extracted rows with their document.
    pub fn into_analysis(self, doc: Document) -> Analysis {
        Analysis {
            doc,
            sentences: self.sentences,
            discovered: self.discovered,
            mentions: self.mentions,
            mention_sentence: self.mention_sentence,
            claims: self.claims,
            graph: self.graph,
            internal_error: false,
        }
    }
}

/// One document's analysis in progress: the document, the gazetteer, and what the stages before
/// the current one have found. Each [`Stage`] reads the fields its predecessors fill and fills its
/// own.
pub struct Work<'a> {
    /// The document; stages add its furniture and warnings.
    pub doc: &'a mut Document,
    /// The shared, read-only gazetteer.
    pub gaz: &'a Gazetteer,
    /// Sentences, in order (stage `sentences`).
    pub sentences: Vec<Sentence>,
    /// The token table of the sentences (stage `tokens`).
    pub tokens: Tokens,
    /// Entities discovered in the document (stage `entity discovery`).
    pub discovered: Vec<Entity>,
    /// Mentions, sorted and non-overlapping: the gazetteer's (`entity matching`), then with the
    /// discovered ones (`entity discovery`) and the resolved short forms (`alias resolution`).
    pub mentions: Vec<Mention>,
    /// The sentence of each mention (`alias resolution`).
    pub mention_sentence: Vec<usize>,
    /// Claims, ordered by content start (`claims`).
    pub claims: Vec<Claim>,
    /// (person, organisation) entity pairs from appositives (`affiliation`).
    pub affiliations: Vec<(u32, u32)>,
    /// The document's graph (`graph`).
    pub graph: DocGraph,
    /// Whose content bounds the claims keep (`content boundaries`).
    pub bounds: Bounds,
}

impl<'a> Work<'a> {
    /// Work on `doc` with nothing found yet.
    pub fn new(doc: &'a mut Document, gaz: &'a Gazetteer) -> Work<'a> {
        Work {
            doc,
            gaz,
            sentences: Vec::new(),
            tokens: Tokens::default(),
            discovered: Vec::new(),
            mentions: Vec::new(),
            mention_sentence: Vec::new(),
            claims: Vec::new(),
            affiliations: Vec::new(),
            graph: DocGraph::default(),
            bounds: Bounds::default(),
        }
    }

    /// The entities the mentions refer to: the gazetteer's and those discovered so far.
    pub fn entities(&self) -> DocEntities<'_> {
        DocEntities {
            known: &self.gaz.entities,
            found: &self.discovered,
        }
    }

    /// What the stages extracted.
    pub fn into_stages(self) -> Stages {
        Stages {
            sentences: self.sentences,
            discovered: self.discovered,
            mentions: self.mentions,
            mention_sentence: self.mention_sentence,
            claims: self.claims,
            graph: self.graph,
        }
    }
}

/// One stage of the per-document pipeline.
#[derive(Clone, Copy)]
pub struct Stage {
    /// Its name, as an internal error's reason and `bench` give it.
    pub name: &'static str,
    /// Runs it on one document.
    pub run: fn(&mut Work),
}

/// The per-document pipeline, in order: [`run_stages`] (and so `analyze` and `run`) and `bench`
/// run exactly this list.
pub const STAGES: &[Stage] = &[
    Stage {
        name: "page furniture",
        run: |w| crate::boilerplate::furnish(w.doc),
    },
    Stage {
        name: "sentences and tokens",
        run: |w| {
            let pairs = w.gaz.start_pairs().unwrap_or(&crate::tokens::NO_PAIRS);
            (w.sentences, w.tokens) = sentences::split_and_tokenize_for(w.doc, pairs);
            crate::work::add(w.tokens.toks.len() + w.sentences.len());
        },
    },
    Stage {
        name: "entity matching",
        run: |w| {
            let starts = w.gaz.start_pairs().map(|_| w.tokens.name_starts.as_slice());
            w.mentions = mentions::find_at(w.doc, w.gaz, starts);
        },
    },
    Stage {
        name: "entity discovery",
        run: |w| {
            let found = std::mem::take(&mut w.mentions);
            (w.discovered, w.mentions) =
                discover::discover(w.doc, &w.sentences, &w.tokens, w.gaz, found);
        },
    },
    Stage {
        name: "alias resolution",
        run: |w| {
            let mentions = std::mem::take(&mut w.mentions);
            w.mentions = resolve::resolve(w.doc, w.entities(), mentions);
            w.mention_sentence = sentence_of_each(&w.sentences, &w.mentions);
        },
    },
    Stage {
        name: "claims",
        run: |w| {
            let extraction =
                claims::extract(w.doc, &w.sentences, &w.tokens, &w.mentions, w.entities());
            for warning in extraction.warnings {
                w.doc.warn(warning);
            }
            w.claims = extraction.claims;
        },
    },
    Stage {
        name: "content boundaries",
        run: |w| {
            if w.bounds == Bounds::Model {
                boundaries::refine(
                    &w.doc.text,
                    &w.sentences,
                    &w.tokens,
                    &w.mentions,
                    &mut w.claims,
                    &boundaries::MODEL,
                );
            }
        },
    },
    Stage {
        name: "affiliation",
        run: |w| {
            w.affiliations = affiliation::find(
                &w.doc.text,
                &w.sentences,
                &w.tokens,
                &w.mentions,
                w.entities(),
            );
        },
    },
    Stage {
        name: "graph",
        run: graph_stage,
    },
];

/// Longest text the stages analyse, in bytes: stages keep byte offsets as `u32` where a
/// document makes millions of them (discovery's words), so a longer text is skipped with a reason
/// (far over any `--max-doc-mb` that fits in memory: analysis takes several times a text's size).
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// Runs every stage of [`STAGES`] on `doc` (which only gains its furniture and warnings), naming
/// each to [`isolate::enter_stage`] so that a panic can say where it happened. A skipped or empty
/// document goes through none.
pub fn run_stages(doc: &mut Document, gaz: &Gazetteer) -> Stages {
    run_stages_with(doc, gaz, Bounds::default())
}

/// [`run_stages`] keeping the content bounds `bounds`.
pub fn run_stages_with(doc: &mut Document, gaz: &Gazetteer, bounds: Bounds) -> Stages {
    if doc.status == Status::Skipped || doc.text.is_empty() {
        return Stages::default();
    }
    if doc.text.len() > MAX_TEXT_BYTES {
        doc.status = Status::Skipped;
        doc.reasons = vec![format!(
            "text of {} bytes is over the {MAX_TEXT_BYTES} bytes analysis can address",
            doc.text.len()
        )];
        return Stages::default();
    }
    isolate::begin_document(&doc.id);
    let mut work = Work::new(doc, gaz);
    work.bounds = bounds;
    for stage in STAGES {
        isolate::enter_stage(stage.name);
        (stage.run)(&mut work);
    }
    work.into_stages()
}

/// The `graph` stage: mention counts, co-occurrence, `claims_about` and `affiliated_with` edges,
/// and the document's day on all of them.
fn graph_stage(w: &mut Work) {
    // No stage from here on reads the token table: give it back before the graph, which
    // allocates the most (a 5 MB document's table is about 24 MB, five times its text, and is
    // freed, not kept), so two large documents in flight do not hold both at once.
    crate::scratch::keep_tokens(std::mem::take(&mut w.tokens));
    let mut graph = build_graph_nodes(
        w.doc,
        w.entities(),
        &w.sentences,
        &w.mentions,
        &w.mention_sentence,
    );
    add_claim_edges(&mut graph, &w.mentions, &w.claims);
    for &(person, org) in &w.affiliations {
        let (person, org) = (graph.node(person), graph.node(org));
        graph.edge(EdgeKind::AffiliatedWith, person, org);
    }
    w.graph = graph.finish(Day::of(w.doc));
}

/// For each mention, the index of the sentence that contains its start (the first sentence that
/// ends after it, or the last sentence). Mentions come in order of their starts, so each one's
/// sentence is found by stepping on from the one before's, not by a binary search over them all;
/// a mention that starts before the one before it is searched for.
pub fn sentence_of_each(sentences: &[Sentence], mentions: &[Mention]) -> Vec<usize> {
    let last = sentences.len().saturating_sub(1);
    // The sentences that end at or before the last mention's start.
    let mut before = 0;
    let mut last_start = 0;
    mentions
        .iter()
        .map(|m| {
            if m.start < last_start {
                before = sentences.partition_point(|s| s.end <= m.start);
            } else {
                while sentences.get(before).is_some_and(|s| s.end <= m.start) {
                    before += 1;
                }
            }
            last_start = m.start;
            before.min(last)
        })
        .collect()
}

/// Most distinct entities after an entity in the same sentence that it gets a co-occurrence edge
/// with. Sentences name a handful; a "sentence" naming thousands is a list or a table, and linking
/// all pairs would make millions of edges from one line of input.
pub const CO_OCCURRENCE_WINDOW: usize = 25;

/// Most entities a document's graph makes room for before it sees them.
const GRAPH_RESERVE: usize = 64;

/// One document's graph: entity mention counts and sentence co-occurrence edges (undated).
pub fn build_graph(
    doc: &Document,
    entities: DocEntities,
    sentences: &[Sentence],
    mentions: &[Mention],
    sent: &[usize],
) -> DocGraph {
    build_graph_nodes(doc, entities, sentences, mentions, sent).finish(None)
}

/// [`build_graph`], still open for the edges to add.
fn build_graph_nodes<'a>(
    doc: &'a Document,
    entities: DocEntities<'a>,
    sentences: &[Sentence],
    mentions: &[Mention],
    sent: &[usize],
) -> DocGraphBuilder<'a> {
    // Room for a usual document's entities at once, so the tables do not grow step by step (a
    // long document's grow past it).
    let room = mentions.len().min(GRAPH_RESERVE);
    let mut graph = DocGraphBuilder::new(&doc.text, entities, room);
    crate::work::add(mentions.len());
    for (m, &s) in mentions.iter().zip(sent) {
        let sentence = sentences.get(s).map_or(0..0, Sentence::range);
        graph.mention(m.entity, m.range(), sentence);
    }
    // Each entity is linked to the next CO_OCCURRENCE_WINDOW distinct ones of its sentence,
    // which is every pair in any real sentence.
    crate::work::add(graph.link_co_occurrences(sent, CO_OCCURRENCE_WINDOW));
    graph
}

/// `claims_about` edges: speaker → each distinct entity mentioned in the claim, one per claim.
fn add_claim_edges(graph: &mut DocGraphBuilder, mentions: &[Mention], claims: &[Claim]) {
    // Each claim's distinct targets in ascending order, in a vector reused from claim to claim.
    let mut targets: Vec<u32> = Vec::new();
    for c in claims {
        let Some(speaker) = c.speaker_entity else {
            continue;
        };
        targets.clear();
        targets.extend(
            mentions[c.mentions.clone()]
                .iter()
                .map(|m| m.entity)
                .filter(|&e| e != speaker),
        );
        targets.sort_unstable();
        targets.dedup();
        let source = graph.node(speaker);
        for &t in &targets {
            let target = graph.node(t);
            graph.edge(EdgeKind::ClaimsAbout, source, target);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::tests::sample;

    #[test]
    fn co_occurrence_is_one_edge_whichever_entity_comes_first() {
        let g = sample();
        let text = "Iran met Israel. Israel met Iran. Iran and Israel met again.";
        let doc = Document::from_text("d".into(), "d".into(), text);
        let a = analyze(doc, &g);
        assert_eq!(
            a.graph.edge_count(),
            1,
            "one undirected pair in three sentences"
        );
        let mut graph = crate::graph::Graph::default();
        graph.merge_doc(a.graph, &g, 0);
        let edge = graph
            .edge(EdgeKind::CoOccurrence, "place:iran", "place:israel")
            .expect("the pair's edge");
        assert_eq!(edge.weight, 3);
    }

    #[test]
    fn co_occurrence_links_a_list_to_a_window_not_every_pair() {
        let g = sample();
        let list: Vec<&str> = std::iter::repeat_n(["Iran", "Israel", "Tehran"], 20)
            .flatten()
            .collect();
        let doc = Document::from_text("d".into(), "d".into(), &(list.join(", ") + "."));
        let a = analyze(doc, &g);
        assert_eq!(a.graph.edge_count(), 3, "three entities: every pair");
        let entities: Vec<Entity> = (0..CO_OCCURRENCE_WINDOW + 10)
            .map(|i| Entity {
                id: format!("place:p{i}"),
                name: format!("P{i}"),
                kind: crate::entity::EntityType::Place,
                aliases: Vec::new(),
                demonyms: Vec::new(),
                attributes: String::new(),
                source: "test".into(),
            })
            .collect();
        let names: Vec<String> = entities.iter().map(|e| e.name.clone()).collect();
        let doc = Document::from_text("d".into(), "d".into(), &(names.join(", ") + "."));
        let sentences = sentences::split(&doc);
        let mut at = 0;
        let mentions: Vec<Mention> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let start = doc.text[at..].find(n.as_str()).unwrap() + at;
                at = start + n.len();
                Mention {
                    start,
                    end: at,
                    entity: i as u32,
                    how: mentions::How::Name,
                }
            })
            .collect();
        let all = DocEntities {
            known: &entities,
            found: &[],
        };
        let sent = sentence_of_each(&sentences, &mentions);
        let graph = build_graph(&doc, all, &sentences, &mentions, &sent);
        let n = entities.len();
        let w = CO_OCCURRENCE_WINDOW;
        assert_eq!(graph.edge_count(), (n - w) * w + w * (w - 1) / 2);
    }

    #[test]
    fn a_mention_is_in_the_sentence_a_search_finds() {
        let sentence = |start: usize, end: usize| Sentence {
            start,
            end,
            paragraph: 0,
        };
        let sentences = [sentence(0, 10), sentence(12, 20), sentence(20, 31)];
        let mention = |start: usize| Mention {
            start,
            end: start + 1,
            entity: 0,
            how: mentions::How::Name,
        };
        // In order, out of order, on sentence ends and past the last.
        let starts = [
            0, 3, 9, 10, 11, 12, 19, 20, 20, 30, 31, 40, 5, 25, 12, 0, 33,
        ];
        let all: Vec<Mention> = starts.iter().map(|&s| mention(s)).collect();
        for n in 0..=all.len() {
            let want: Vec<usize> = all[..n]
                .iter()
                .map(|m| sentences.partition_point(|s| s.end <= m.start).min(2))
                .collect();
            assert_eq!(sentence_of_each(&sentences, &all[..n]), want, "{n}");
            assert!(sentence_of_each(&[], &all[..n]).iter().all(|&k| k == 0));
        }
    }

    #[test]
    fn co_occurrence_counts_sentences() {
        let g = sample();
        let doc = Document::from_text(
            "d".into(),
            "d".into(),
            "Iran and Israel talked. Iran, Israel and Iran again. Tehran alone.",
        );
        let a = analyze(doc, &g);
        assert_eq!(a.sentences.len(), 3);
        assert_eq!(a.mention_sentence, vec![0, 0, 1, 1, 1, 2]);
        let mut graph = crate::graph::Graph::default();
        graph.merge_doc(a.graph, &g, 0);
        let e = graph
            .edge(EdgeKind::CoOccurrence, "place:iran", "place:israel")
            .unwrap();
        assert_eq!(e.weight, 2);
        assert_eq!(graph.edge_count(), 1);
        let iran = graph.entity("place:iran").unwrap();
        assert_eq!((iran.mentions, iran.documents), (3, 1));
    }
}
