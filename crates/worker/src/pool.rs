//! The pool of tagging workers, worker to worker: the reader hands each batch of articles to
//! a tagger on that tagger's broadcast channel and takes the answers on its own, so an
//! article crosses no thread but the two that work on it. The page only starts the workers,
//! gives each the model, and renews the taggers when one dies.
//!
//! A channel's name carries the pool's name, which the page makes new for every start and
//! every renewal (and unique to its tab: broadcast channels reach every tab of the origin), so
//! an old tagger's late answer never reaches a new reader, nor one tab's batch another tab.
//!
//! A tagger says it is ready once it has both its place and the model; the reader gives it
//! nothing before. A tagger holds at most [`QUEUE`] batches; what no tagger can take waits in
//! the reader's backlog, which the taggers draw on as they answer and the reader bites into,
//! [`BITE`] articles at a time, between its other messages (a task it posts to itself): so two
//! workers on two cores both tag, and the reader, never busy for long, hears a tagger's answer
//! and gives it more at once. Each batch is kept until its answer comes: when the taggers die,
//! their batches are given to the new ones once, and a batch lost twice is tagged by the
//! reader (whose panic on it then names the file, as without a pool).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use folio::{Request, Response, Tagged, ToTag, POOL_BATCH};
use gloo::worker::Codec;
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use crate::{Bincode, Shared, READING, TAGGING};

/// Batches a tagger holds at most: one it tags and two waiting, so that it never idles while
/// its answer travels to a reader busy with a bite and the next batch comes back; no more,
/// so that the last batches go to whoever is free first.
const QUEUE: usize = 3;

/// Articles the reader tags of its backlog at a time: a few tens of milliseconds, so that a
/// tagger's answer or a file waits no longer.
const BITE: usize = 32;

/// What a worker is to the pool.
pub(crate) enum Role {
    /// No pool: the session tags its own articles.
    Alone,
    Reader(Reader),
    Tagger(Tagger),
}

/// What travels on a pool's channels, as bytes (the articles borrowed when sent).
#[derive(Serialize, Deserialize)]
enum Message<'a> {
    /// Tagger `k` has the model and listens.
    Ready(usize),
    /// Tag these articles (reader to a tagger).
    Tag {
        batch: u64,
        articles: Cow<'a, [ToTag]>,
    },
    /// The entities of a batch's articles (a tagger to the reader, which has their text).
    Tagged {
        k: usize,
        batch: u64,
        articles: Vec<Tagged>,
    },
    /// The reader's next bite (the reader to itself).
    Tick,
}

/// A broadcast channel and the handler listening on it: dropped together, closing the channel.
struct Channel {
    channel: BroadcastChannel,
    _listener: Option<Closure<dyn FnMut(MessageEvent)>>,
}

impl Channel {
    fn open(name: &str, listen: Option<Box<dyn FnMut(Message<'static>)>>) -> Option<Channel> {
        let channel = BroadcastChannel::new(name).ok()?;
        let listener = listen.map(|mut listen| {
            let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                listen(Bincode::decode(event.data()))
            });
            channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
            listener
        });
        Some(Channel {
            channel,
            _listener: listener,
        })
    }

    fn post(&self, message: &Message) {
        let _ = self.channel.post_message(&Bincode::encode(message));
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// A task a worker posts to itself, on a broadcast channel of its own: it runs after the
/// messages already waiting, the taggers' answers among them. (Posted on a `MessageChannel`,
/// the browser ran the reader's bites back to back while the answers waited, and the taggers
/// idled for want of their next batch.)
struct Tick {
    post: Channel,
    _listen: Channel,
}

impl Tick {
    fn new(name: &str, mut run: impl FnMut() + 'static) -> Option<Tick> {
        Some(Tick {
            _listen: Channel::open(name, Some(Box::new(move |_| run())))?,
            post: Channel::open(name, None)?,
        })
    }

    fn post(&self) {
        self.post.post(&Message::Tick);
    }
}

/// The reader's side: a channel to each tagger, its own for the answers, the batches out and
/// those waiting.
pub(crate) struct Reader {
    to: Vec<Channel>,
    _back: Channel,
    slots: Vec<Slot>,
    /// Batches no tagger could take yet, each with whether a dead tagger lost it already.
    backlog: VecDeque<(Vec<ToTag>, bool)>,
    /// The reader's next bite of the backlog, and whether it is posted.
    tick: Option<Tick>,
    ticking: bool,
    next: u64,
    /// Articles the taggers have tagged.
    pooled: usize,
}

/// One tagger as the reader sees it: whether it listens, and its batches, oldest first, each
/// with whether it was given once already.
#[derive(Default)]
struct Slot {
    ready: bool,
    out: VecDeque<(u64, Vec<ToTag>, bool)>,
}

/// A tagger's side: its place, and the channel it listens on and the reader's.
pub(crate) struct Tagger {
    k: usize,
    channels: Option<(Channel, Channel)>,
}

fn back(pool: &str) -> String {
    format!("{pool}/back")
}

fn to(pool: &str, k: usize) -> String {
    format!("{pool}/tag/{k}")
}

/// Makes this worker the reader of `pool`, with `taggers` tagging workers.
pub(crate) fn read(shared: &Rc<RefCell<Shared>>, pool: &str, taggers: usize) {
    let Some((to, back)) = reader_channels(shared, pool, taggers) else {
        return;
    };
    let weak: Weak<RefCell<Shared>> = Rc::downgrade(shared);
    let tick = Tick::new(&format!("{pool}/tick"), move || {
        if let Some(shared) = weak.upgrade() {
            bite(&shared);
        }
    });
    let mut s = shared.borrow_mut();
    let _ = s.session.handle(Request::Delegate);
    s.role = Role::Reader(Reader {
        to,
        _back: back,
        slots: (0..taggers).map(|_| Slot::default()).collect(),
        backlog: VecDeque::new(),
        tick,
        ticking: false,
        next: 0,
        pooled: 0,
    });
}

fn reader_channels(
    shared: &Rc<RefCell<Shared>>,
    pool: &str,
    taggers: usize,
) -> Option<(Vec<Channel>, Channel)> {
    let weak: Weak<RefCell<Shared>> = Rc::downgrade(shared);
    let back = Channel::open(
        &back(pool),
        Some(Box::new(move |message| {
            if let Some(shared) = weak.upgrade() {
                answered(&shared, message);
            }
        })),
    )?;
    let to = (0..taggers)
        .map(|k| Channel::open(&to(pool, k), None))
        .collect::<Option<Vec<_>>>()?;
    Some((to, back))
}

/// The taggers died and new ones join `pool`: their batches are given once more.
pub(crate) fn renew(shared: &Rc<RefCell<Shared>>, pool: &str) {
    let taggers = match &shared.borrow().role {
        Role::Reader(reader) => reader.slots.len(),
        _ => return,
    };
    let Some((to, back)) = reader_channels(shared, pool, taggers) else {
        return;
    };
    let mut s = shared.borrow_mut();
    let Shared { session, role, .. } = &mut *s;
    let Role::Reader(reader) = role else {
        return;
    };
    reader.to = to;
    reader._back = back;
    let mut here = Vec::new();
    for slot in &mut reader.slots {
        slot.ready = false;
        for (_, batch, lost_before) in std::mem::take(&mut slot.out) {
            if lost_before {
                here.push(batch);
            } else {
                reader.backlog.push_front((batch, true));
            }
        }
    }
    reader.wake();
    let responses: Vec<Response> = here
        .into_iter()
        .map(|batch| tag_here(session, batch, reader.pooled))
        .collect();
    drop(s);
    for response in responses {
        shared.borrow().respond(response);
    }
    shared.borrow().flush();
}

/// Tags a batch in this worker and takes it in.
fn tag_here(session: &mut folio::Session, batch: Vec<ToTag>, pooled: usize) -> Response {
    let Response::TaggedArticles(batch) = session.handle(Request::Tag(batch)) else {
        unreachable!("a Tag request is answered with its articles")
    };
    with_pooled(session.handle(Request::Tagged(batch)), pooled)
}

fn with_pooled(response: Response, pooled: usize) -> Response {
    match response {
        Response::Tagged(mut update) => {
            update.pooled = pooled;
            Response::Tagged(update)
        }
        Response::File {
            given,
            files,
            mut update,
        } => {
            update.pooled = pooled;
            Response::File {
                given,
                files,
                update,
            }
        }
        response => response,
    }
}

/// An answer of the core's, with the pool's count filled in.
pub(crate) fn count(role: &Role, response: Response) -> Response {
    match role {
        Role::Reader(reader) => with_pooled(response, reader.pooled),
        _ => response,
    }
}

/// Hands on the articles read and not tagged: to the taggers in batches, or tagged here.
pub(crate) fn tag_pending(shared: &Rc<RefCell<Shared>>) {
    let mut s = shared.borrow_mut();
    let Shared { session, role, .. } = &mut *s;
    let Some(response) = session.tag_pending() else {
        return;
    };
    let mut responses = Vec::new();
    match (response, role) {
        (Response::ToTag(batch), Role::Reader(reader)) => {
            let mut batch = batch.into_iter();
            loop {
                let chunk: Vec<ToTag> = batch.by_ref().take(POOL_BATCH).collect();
                if chunk.is_empty() {
                    break;
                }
                reader.backlog.push_back((chunk, false));
            }
            reader.give_out();
        }
        (response, role) => responses.push(count(role, response)),
    }
    drop(s);
    for response in responses {
        shared.borrow().respond(response);
    }
}

impl Reader {
    /// Gives the backlog's oldest batches to the ready taggers with room, least busy first;
    /// what is left the reader bites into.
    fn give_out(&mut self) {
        while !self.backlog.is_empty() {
            let Some(k) = (0..self.slots.len())
                .filter(|&k| self.slots[k].ready && self.slots[k].out.len() < QUEUE)
                .min_by_key(|&k| self.slots[k].out.len())
            else {
                break;
            };
            let (batch, lost_before) = self.backlog.pop_front().expect("not empty");
            let id = self.next;
            self.next += 1;
            self.to[k].post(&Message::Tag {
                batch: id,
                articles: Cow::Borrowed(&batch),
            });
            self.slots[k].out.push_back((id, batch, lost_before));
        }
        self.wake();
    }

    /// Posts the reader's next bite, if there is a backlog and none is posted.
    fn wake(&mut self) {
        if !self.backlog.is_empty() && !self.ticking {
            if let Some(tick) = &self.tick {
                self.ticking = true;
                tick.post();
            }
        }
    }
}

/// The reader tags a bite of its backlog (the newest articles: the taggers take the oldest).
fn bite(shared: &Rc<RefCell<Shared>>) {
    let mut s = shared.borrow_mut();
    let Shared { session, role, .. } = &mut *s;
    let Role::Reader(reader) = role else {
        return;
    };
    reader.ticking = false;
    let Some((batch, _)) = reader.backlog.back_mut() else {
        return;
    };
    let bite = batch.split_off(batch.len().saturating_sub(BITE));
    if batch.is_empty() {
        reader.backlog.pop_back();
    }
    let response = tag_here(session, bite, reader.pooled);
    reader.wake();
    drop(s);
    shared.borrow().respond(response);
    shared.borrow().flush();
}

/// A message on the reader's channel: a tagger is ready, or answers.
fn answered(shared: &Rc<RefCell<Shared>>, message: Message<'static>) {
    let mut s = shared.borrow_mut();
    let Shared { session, role, .. } = &mut *s;
    let Role::Reader(reader) = role else {
        return;
    };
    let response = match message {
        Message::Ready(k) => {
            if let Some(slot) = reader.slots.get_mut(k) {
                slot.ready = true;
            }
            None
        }
        Message::Tagged { k, batch, articles } => {
            if let Some(slot) = reader.slots.get_mut(k) {
                slot.out.retain(|(id, ..)| *id != batch);
            }
            reader.pooled += articles.len();
            Some(with_pooled(
                session.handle(Request::Tagged(articles)),
                reader.pooled,
            ))
        }
        Message::Tag { .. } | Message::Tick => None,
    };
    reader.give_out();
    drop(s);
    if let Some(response) = response {
        shared.borrow().respond(response);
        shared.borrow().flush();
    }
}

/// Makes this worker tagger `k` of `pool`.
pub(crate) fn tag(shared: &Rc<RefCell<Shared>>, pool: &str, k: usize) {
    let weak: Weak<RefCell<Shared>> = Rc::downgrade(shared);
    let Some(back) = Channel::open(&back(pool), None) else {
        return;
    };
    let Some(listen) = Channel::open(
        &to(pool, k),
        Some(Box::new(move |message| {
            if let Some(shared) = weak.upgrade() {
                tag_batch(&shared, message);
            }
        })),
    ) else {
        return;
    };
    shared.borrow_mut().role = Role::Tagger(Tagger {
        k,
        channels: Some((listen, back)),
    });
    say_ready(shared);
}

/// The model was read: a tagger that has joined is ready.
pub(crate) fn model_ready(shared: &Rc<RefCell<Shared>>) {
    shared.borrow_mut().has_model = true;
    say_ready(shared);
}

fn say_ready(shared: &Rc<RefCell<Shared>>) {
    let s = shared.borrow();
    if let Role::Tagger(Tagger {
        k,
        channels: Some((_, back)),
    }) = &s.role
    {
        if s.has_model {
            back.post(&Message::Ready(*k));
        }
    }
}

/// A tagger's task: tag the batch and send it back.
fn tag_batch(shared: &Rc<RefCell<Shared>>, message: Message<'static>) {
    let Message::Tag { batch, articles } = message else {
        return;
    };
    READING.with(|r| *r.borrow_mut() = TAGGING.to_owned());
    let mut s = shared.borrow_mut();
    let Response::TaggedArticles(articles) = s.session.handle(Request::Tag(articles.into_owned()))
    else {
        return;
    };
    if let Role::Tagger(Tagger {
        k,
        channels: Some((_, back)),
        ..
    }) = &s.role
    {
        back.post(&Message::Tagged {
            k: *k,
            batch,
            articles,
        });
    }
}
