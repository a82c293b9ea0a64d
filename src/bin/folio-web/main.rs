//! The web app. Built for wasm32 by Trunk; natively there is nothing to run.
fn main() {}
