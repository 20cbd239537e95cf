//! Threads the program starts for one piece of work beside its own ([`Beside`]).

/// Work done on a thread of its own, or already done on this one.
pub enum Beside<'scope, T> {
    /// Under way on a thread of `scope`.
    Thread(std::thread::ScopedJoinHandle<'scope, T>),
    /// Done on this thread.
    Done(T),
}

impl<'scope, T: Send + 'scope> Beside<'scope, T> {
    /// `work` started on a thread of `scope` when `beside`, else done now on this one.
    pub fn start<'env, F>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        beside: bool,
        work: F,
    ) -> Self
    where
        F: FnOnce() -> T + Send + 'scope,
    {
        if beside {
            Beside::Thread(scope.spawn(work))
        } else {
            Beside::Done(work())
        }
    }

    /// The result, once the thread has finished (its panic goes on here).
    pub fn join(self) -> T {
        match self {
            Beside::Thread(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Beside::Done(result) => result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_beside_or_here_gives_its_result_and_its_panic_goes_on() {
        for beside in [false, true] {
            let n = std::thread::scope(|scope| Beside::start(scope, beside, || 6 * 7).join());
            assert_eq!(n, 42);
            let caught = std::panic::catch_unwind(|| {
                std::thread::scope(|scope| {
                    Beside::start(scope, beside, || -> u8 { std::panic::panic_any("lost") }).join()
                })
            });
            let payload = caught.expect_err("the panic goes on");
            assert_eq!(payload.downcast_ref::<&str>(), Some(&"lost"), "{beside}");
        }
    }
}
