//! The helpers every attribution rule uses, as methods of the [`Engine`](super::attribution::Engine)
//! that only read it: finding speakers ([`subject`]), typing and resolving them ([`resolve`]), the
//! bounds of reported clauses ([`clause`]) and what the reported-speech rules share ([`reported`]).

pub(crate) mod clause;
pub(crate) mod reported;
pub(crate) mod resolve;
pub(crate) mod subject;
