//! Small line charts drawn on the server as SVG: readable without JavaScript, styled by the
//! stylesheet (so they follow light and dark), and always paired with a table in the page.

use std::fmt::Write;

pub struct Series {
    pub name: String,
    /// One value per point on the x axis; `None` where there is none.
    pub values: Vec<Option<f64>>,
}

pub struct LineChart<'a> {
    /// A short description for screen readers (the table next to it has the numbers).
    pub title: &'a str,
    pub x_labels: Vec<String>,
    pub series: Vec<Series>,
    pub y_min: f64,
    pub y_max: f64,
    /// Labels for the lowest and the highest value, e.g. "Far apart" / "Very close".
    pub y_low: &'a str,
    pub y_high: &'a str,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 12.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 44.0;

impl LineChart<'_> {
    fn x(&self, index: usize) -> f64 {
        let span = WIDTH - LEFT - RIGHT;
        match self.x_labels.len() {
            0 | 1 => LEFT + span / 2.0,
            n => LEFT + span * index as f64 / (n - 1) as f64,
        }
    }

    fn y(&self, value: f64) -> f64 {
        let share = ((value - self.y_min) / (self.y_max - self.y_min)).clamp(0.0, 1.0);
        TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - share)
    }

    /// The chart as an `<svg>` element.
    pub fn svg(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
            escape(self.title)
        );
        let (top, bottom) = (self.y(self.y_max), self.y(self.y_min));
        let _ = write!(out, r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{top}" y2="{top}"/>"#, WIDTH - RIGHT);
        let _ = write!(out, r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{bottom}" y2="{bottom}"/>"#, WIDTH - RIGHT);
        let _ = write!(out, r#"<text class="axis" x="{LEFT}" y="{}">{}</text>"#, top - 8.0, escape(self.y_high));
        let _ = write!(out, r#"<text class="axis" x="{LEFT}" y="{}">{}</text>"#, bottom + 16.0, escape(self.y_low));
        if let (Some(first), Some(last)) = (self.x_labels.first(), self.x_labels.last()) {
            let y = HEIGHT - 6.0;
            let _ = write!(out, r#"<text class="axis" x="{LEFT}" y="{y}">{}</text>"#, escape(first));
            if self.x_labels.len() > 1 {
                let _ = write!(out, r#"<text class="axis end" x="{}" y="{y}">{}</text>"#, WIDTH - RIGHT, escape(last));
            }
        }
        for (n, series) in self.series.iter().enumerate() {
            let points: Vec<(f64, f64)> =
                series.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (self.x(i), self.y(v)))).collect();
            let _ = write!(out, r#"<g class="series series-{}"><title>{}</title>"#, n % 5, escape(&series.name));
            if points.len() > 1 {
                let path: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
                let _ = write!(out, r#"<polyline points="{}"/>"#, path.join(" "));
            }
            for (x, y) in &points {
                let _ = write!(out, r#"<circle cx="{x:.1}" cy="{y:.1}" r="4"/>"#);
            }
            out.push_str("</g>");
        }
        out.push_str("</svg>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(values: Vec<Option<f64>>) -> LineChart<'static> {
        LineChart {
            title: "Closeness <over> time",
            x_labels: (1..=values.len()).map(|i| format!("W{i}")).collect(),
            series: vec![Series { name: "A & B".into(), values }],
            y_min: 1.0,
            y_max: 5.0,
            y_low: "Far",
            y_high: "Close",
        }
    }

    #[test]
    fn every_value_becomes_a_point_and_text_is_escaped() {
        let svg = chart(vec![Some(1.0), None, Some(5.0)]).svg();
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("Closeness &lt;over&gt; time"));
        assert!(svg.contains("<title>A &amp; B</title>"));
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn higher_values_are_drawn_higher_up() {
        let c = chart(vec![Some(1.0), Some(5.0)]);
        assert!(c.y(5.0) < c.y(1.0));
        assert_eq!(c.y(9.0), c.y(5.0), "values outside the range stay inside the chart");
    }
}
