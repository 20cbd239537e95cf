//! Word tokens over a document's sentences, the unit the attribution rules look at: the document's
//! token table ([`crate::tokens`]), which the stage `tokens` builds once for every stage.

pub use crate::tokens::{
    is_capitalized, possessive_stem, tokenize, Classes, Key, Shape, Tok, Tokens,
};
