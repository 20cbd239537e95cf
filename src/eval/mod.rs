//! Evaluation of claimgraph output against gold corpora: PolNeAR attributions (brat standoff) and
//! CoNLL-2003 style named entities.

pub mod attribution_score;
pub mod attributions;
pub mod boundary_training;
pub mod brat;
pub mod conll;
pub mod entities;
pub mod prf;
