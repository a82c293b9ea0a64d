//! The page's custom hooks: each owns one conversation with the browser or the worker, so that
//! `App` only composes them.

mod use_core;
mod use_index_sync;
mod use_keyboard;
mod use_model;
mod use_overview_sync;
mod use_paste;
mod use_restore;
mod use_url;

pub use use_core::use_core;
pub use use_index_sync::use_index_sync;
pub use use_keyboard::use_keyboard;
pub use use_model::use_model;
pub use use_overview_sync::{use_overview_sync, OverviewInputs};
pub use use_paste::use_paste;
pub use use_restore::use_restore;
pub use use_url::{opened_in_url, pane_in_url, use_url};
