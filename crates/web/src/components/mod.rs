//! The page's components, each a function of its `Properties`: what it shows comes in as
//! props, what it does goes out through the shared context (`hooks::Shared`). Yew renders a
//! component again only when its props change, so typing in the search box leaves the reader
//! alone.

mod article_list;
mod audit;
mod dropzone;
mod entity_panel;
mod file_table;
mod help;
mod intake;
mod masthead;
mod overview;
mod reader;
mod theme;
mod toolbar;

pub use article_list::ArticleList;
pub use entity_panel::EntityPanel;
pub use help::Help;
pub use intake::Intake;
pub use masthead::Masthead;
pub use overview::OverviewPane;
pub use reader::Reader;
pub use toolbar::Toolbar;
