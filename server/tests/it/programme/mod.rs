//! The programme: the public agenda and its calendar files, speakers (their link, page and
//! profile, the editor and the notices), speaker photos, and stored text that looks like
//! markup staying text.

mod agenda;
mod photos;
mod speakers;
mod text_fields;
