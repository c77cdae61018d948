//! Runs the real `pprnet` binary in a pseudo-terminal, types keys into it and
//! reads its screen through a terminal emulator (vt100).

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the screen to show something before failing.
const PATIENCE: Duration = Duration::from_secs(20);

/// A running reader in a pseudo-terminal.
pub struct Reader {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Reader {
    /// Starts `pprnet` with `args` in a `cols` x `rows` terminal, data in
    /// `data_dir`, settings read from `data_dir/config/pprnet/config.ron`.
    pub fn start(data_dir: &Path, args: &[&str], cols: u16, rows: u16) -> Reader {
        Reader::start_with_env(data_dir, args, &[], cols, rows)
    }

    /// Like [`Reader::start`], with extra environment variables.
    pub fn start_with_env(
        data_dir: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Reader {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_pprnet"));
        command.args(args);
        command.env("PPRNET_DATA_DIR", data_dir);
        command.env("XDG_CONFIG_HOME", data_dir.join("config"));
        command.env("XDG_CACHE_HOME", data_dir.join("cache"));
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("pprnet starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a pty reader");
        let writer = pair.master.take_writer().expect("a pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (parser_in, raw_in) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                parser_in.lock().unwrap().process(&chunk[..n]);
                raw_in.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        Reader {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
        }
    }

    /// The screen's text, rows joined by newlines.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The background colour of the cell at `row`, `col`.
    #[allow(dead_code)] // Not every test file that includes this module uses it.
    pub fn background(&self, row: u16, col: u16) -> vt100::Color {
        let parser = self.parser.lock().unwrap();
        parser
            .screen()
            .cell(row, col)
            .map_or(vt100::Color::Default, |c| c.bgcolor())
    }

    /// Waits until the screen contains `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("the screen showing {text:?}"), |reader| {
            reader.screen().contains(text)
        });
    }

    /// Waits until `done` holds (the output the reader thread has taken in
    /// may lag behind what the program did, on a busy machine); panics naming
    /// `what`, with the screen, if it never does.
    pub fn wait_until(&self, what: &str, done: impl Fn(&Reader) -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("waited in vain for {what}:\n{}", self.screen());
    }

    /// Types keys (bytes as a terminal sends them), pausing briefly after each.
    pub fn keys(&mut self, keys: &str) {
        for key in keys.split_inclusive(|_| true) {
            self.writer.write_all(key.as_bytes()).unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// Sends one escape sequence (an arrow key, say) as a single write.
    pub fn send(&mut self, sequence: &str) {
        self.writer.write_all(sequence.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(40));
    }

    /// Resizes the terminal, and waits a little for the program to redraw.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.resize_now(cols, rows);
        std::thread::sleep(Duration::from_millis(100));
    }

    /// Resizes the terminal without waiting.
    pub fn resize_now(&mut self, cols: u16, rows: u16) {
        // The emulator takes the new size first, holding its lock while the
        // pty changes: whatever the program draws once it sees the new size
        // reaches an emulator of that size.
        let mut parser = self.parser.lock().unwrap();
        // It keeps at least two rows and columns: vt100 0.16 overflows (and
        // panics) wrapping a line on a one-row screen (grid.rs,
        // `prev_pos.row -= scrolled`) and printing a two-column character
        // into a one-column one. A screen a little larger than the pty shows
        // the same text; only the program's size is under test.
        parser.screen_mut().set_size(rows.max(2), cols.max(2));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Everything the process wrote so far.
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Pastes `text` as a terminal with bracketed paste does.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running process")
    }

    /// Sends a signal (`libc::SIGTERM`, say) to the process.
    pub fn signal(&self, signal: i32) {
        let pid = self.child.process_id().expect("a running process");
        let pid = i32::try_from(pid).expect("a pid fits an i32");
        // SAFETY: kill(2) only sends a signal to the process we started.
        let sent = unsafe { libc::kill(pid, signal) };
        assert_eq!(sent, 0, "kill failed");
    }

    /// Waits for the process to exit and returns its exit code and everything it wrote.
    pub fn wait_exit(mut self) -> (u32, Vec<u8>) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                let raw = self.raw.lock().unwrap().clone();
                return (status.exit_code(), raw);
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("pprnet did not exit:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
