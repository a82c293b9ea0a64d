//! The core in its web worker: spawned once for the page's life, its answers taken in about
//! once a frame, restarted (with the kept files read again) when a panic kills it.

use std::rc::Weak;

use folio::Response;
use folio_worker::{CoreWorker, WorkerCodec, PANIC_CHANNEL};
use gloo::worker::Spawnable;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::context::{send_files, Shared};
use crate::dom::download;
#[cfg(feature = "hooks")]
use crate::link::BenchAnswer;
use crate::link::{batched, Core};
use crate::state::{Action, State};

/// Where Trunk puts the worker's script (`data-type="worker"` and `data-target-path` in
/// index.html).
const SCRIPT: &str = "./worker/folio-worker.js";

/// How many workers the page runs: `?workers=N` in its address, else one fewer than the
/// machine's cores (the page's own thread needs one), at least 1 and at most 8. One of them
/// reads the files and keeps the collection; the others tag articles.
fn workers() -> usize {
    let window = gloo::utils::window();
    let asked = window.location().search().ok().and_then(|q| {
        q.trim_start_matches('?')
            .split('&')
            .find_map(|kv| kv.strip_prefix("workers=")?.parse::<usize>().ok())
    });
    let cores = window.navigator().hardware_concurrency() as usize;
    asked.unwrap_or(cores.saturating_sub(1)).clamp(1, 8)
}

/// Spawns the workers and returns the handles every component shares.
#[hook]
pub fn use_core(dispatch: UseReducerDispatcher<State>) -> Shared {
    #[cfg(feature = "hooks")]
    let bench = use_memo((), |_| BenchAnswer::default());
    let core = {
        let dispatch = dispatch.clone();
        #[cfg(feature = "hooks")]
        let bench = bench.clone();
        use_memo((), move |_| {
            Core::new(
                move |core: Weak<Core>| {
                    let dispatch = dispatch.clone();
                    #[cfg(feature = "hooks")]
                    let bench = bench.clone();
                    let now = dispatch.clone();
                    let to_state = batched(move |answers| dispatch.dispatch(Action::Core(answers)));
                    CoreWorker::spawner()
                        .encoding::<WorkerCodec>()
                        .callback(move |answers: Vec<Response>| {
                            let core = core.upgrade();
                            for response in answers {
                                if let Some(core) = &core {
                                    core.noted(&response);
                                }
                                match response {
                                    // An export is a download, not a change to the page.
                                    Response::Exported { name, mime, text } => {
                                        download(&name, &mime, &text)
                                    }
                                    #[cfg(feature = "hooks")]
                                    Response::Annotated { entities, millis } => {
                                        bench.answer(entities, millis)
                                    }
                                    // What the reader asked for by a click (the overview's
                                    // numbers, a bar's articles) is shown at once, not with
                                    // the next batch of a folder's answers.
                                    response @ (Response::Overview(_)
                                    | Response::Narrowed { .. }) => {
                                        now.dispatch(Action::Core(vec![response]))
                                    }
                                    response => to_state(response),
                                }
                            }
                            if let Some(core) = core {
                                core.flow();
                            }
                        })
                        .spawn(SCRIPT)
                },
                workers() - 1,
                // A tagger answers the page only when given the model; its batches go to the
                // reader on their own channel.
                || {
                    CoreWorker::spawner()
                        .encoding::<WorkerCodec>()
                        .callback(|_| {})
                        .spawn(SCRIPT)
                },
            )
        })
    };
    let shared = Shared {
        core: (*core).clone(),
        dispatch,
        #[cfg(feature = "hooks")]
        bench: bench.clone(),
    };
    use_restart_on_panic(shared.clone());
    shared
}

/// A panic in the core (its worker says so on a broadcast channel before it dies) is told in
/// an alert; a new worker reads the kept files again, all but the one it died on.
#[hook]
fn use_restart_on_panic(shared: Shared) {
    use_effect_with((), move |_| {
        let channel = web_sys::BroadcastChannel::new(PANIC_CHANNEL).ok();
        let listener = channel.as_ref().map(|channel| {
            gloo::events::EventListener::new(channel, "message", move |event| {
                let event: &web_sys::MessageEvent = event.unchecked_ref();
                let report = event.data().as_string().unwrap_or_default();
                let (file, message) = report.split_once('\n').unwrap_or(("", &report));
                // A tagging worker's panic: the pool is renewed, and the collection kept.
                if file.starts_with(folio_worker::TAGGING) {
                    shared.core.renew_taggers();
                    return;
                }
                let (file, message) = (file.to_owned(), message.to_owned());
                shared.dispatch.dispatch(Action::CoreFailed {
                    file: file.clone(),
                    message,
                });
                shared.core.restart();
                let shared = shared.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let mut kept = crate::store::load().await;
                    // The files before the one it died on, and those after it: all but it.
                    if let Some(at) = kept.iter().position(|k| k.name == file) {
                        kept.remove(at);
                    }
                    send_files(&shared, kept);
                });
            })
        });
        move || drop((listener, channel))
    });
}
