//! claimgraph: who is in the news, and who claims what.
//!
//! A batch pipeline that reads a corpus, finds people, organisations and places with a gazetteer
//! trie and in-document alias resolution, and writes audit-ready CSV tables (entities, mentions,
//! documents, edges) that open in a spreadsheet and import into Gephi.
//!
//! Data flows one way through small typed stages, each a module: [`corpus`] reads documents, then
//! the per-document stages declared once in [`pipeline::STAGES`] ([`boilerplate`] → [`sentences`]
//! → [`mentions`] → [`discover`] → [`resolve`] → [`claims`] → [`affiliation`] → [`graph`]) analyse
//! each one, and [`tables`] writes the rows; [`pipeline`] runs the stages on one document, [`run`]
//! over a corpus and [`bench`](mod@bench) times each of them.
//!
//! ```
//! use claimgraph::{corpus::Document, gazetteer::Gazetteer, pipeline::analyze};
//! use std::path::PathBuf;
//!
//! let tsv = "id\ttype\tname\taliases\tdemonyms\tattributes\n\tplace\tIran\t\tIranian\t\n";
//! let gaz = Gazetteer::from_sources(&[(PathBuf::from("g.tsv"), tsv.to_string())]).unwrap();
//! let doc = Document::from_text("d1".into(), "d1.txt".into(), "Iranian officials met in Iran.");
//! let a = analyze(doc, &gaz);
//! assert_eq!(a.mentions.len(), 2);
//! ```

pub mod affiliation;
pub mod bench;
pub mod boilerplate;
pub mod claims;
pub mod corpus;
pub mod csv_lines;
pub mod dates;
pub mod discover;
pub mod encoding;
pub mod entity;
pub mod eval;
pub mod gazetteer;
pub mod gexf;
pub mod graph;
pub mod isolate;
pub mod json_out;
pub mod jsonl;
pub mod lexicon;
pub mod mentions;
pub mod merge;
pub mod name_lists;
pub mod org_evidence;
pub mod output;
pub mod partial;
pub mod pattern_trie;
pub mod pipeline;
pub mod plural;
pub mod record;
pub mod report;
pub mod resolve;
pub mod run;
pub mod scorecards;
pub mod scratch;
pub mod sentences;
pub mod shouted;
pub mod sports;
pub mod summary;
pub mod swar;
pub mod tables;
pub mod testing;
pub mod text;
pub mod threads;
pub mod tokens;
pub mod word_classes;
pub mod work;
