//! Draws the reader into a test terminal, as the snapshot tests see it.

use pprnet::tui::app::App;
use pprnet::tui::ui::{Theme, Ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The reader `app` drawn with the dark theme into a terminal of its size.
pub fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| {
            frame.render_widget(
                Ui {
                    app,
                    theme: &Theme::DARK,
                },
                frame.area(),
            )
        })
        .unwrap();
    terminal
}
