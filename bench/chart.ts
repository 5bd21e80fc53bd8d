/** The bench's picture: claims/s and p99 latency against concurrency, as a small self-contained SVG. */

export interface ChartPoint {
    clients: number;
    claimsPerSecond: number;
    p99Ms: number;
}

const W = 320;
const H = 220;
const M = { left: 52, right: 16, top: 34, bottom: 40 };

function escape(text: string): string {
    return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function niceMax(value: number): number {
    const magnitude = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
    return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= value) ?? value;
}

/** One panel: a line per series over the clients axis, with its y scale from 0. */
function panel(
    x0: number,
    title: string,
    unit: string,
    series: Array<{ name: string; color: string; dashed: boolean; points: Array<[number, number]> }>,
    clients: number[],
    goal?: { value: number; label: string }
): string {
    const yMax = niceMax(
        Math.max(...series.flatMap((s) => s.points.map((p) => p[1])), goal?.value ?? 0) * 1.1
    );
    const xMin = Math.min(...clients);
    const xMax = Math.max(...clients);
    const px = (c: number) => x0 + M.left + ((c - xMin) / (xMax - xMin || 1)) * (W - M.left - M.right);
    const py = (v: number) => M.top + (1 - v / yMax) * (H - M.top - M.bottom);
    const parts: string[] = [
        `<text x="${x0 + W / 2}" y="18" text-anchor="middle" font-weight="bold">${escape(title)}</text>`
    ];
    for (let i = 0; i <= 4; i++) {
        const v = (yMax * i) / 4;
        parts.push(
            `<line x1="${x0 + M.left}" x2="${x0 + W - M.right}" y1="${py(v)}" y2="${py(v)}" stroke="#e5e5e5"/>`,
            `<text x="${x0 + M.left - 6}" y="${py(v) + 4}" text-anchor="end">${Math.round(v)}</text>`
        );
    }
    for (const c of clients) {
        parts.push(`<text x="${px(c)}" y="${H - M.bottom + 16}" text-anchor="middle">${c}</text>`);
    }
    parts.push(
        `<text x="${x0 + M.left + (W - M.left - M.right) / 2}" y="${H - 6}" text-anchor="middle">concurrent clients</text>`,
        `<text x="${x0 + 12}" y="${M.top + (H - M.top - M.bottom) / 2}" text-anchor="middle" transform="rotate(-90 ${x0 + 12} ${M.top + (H - M.top - M.bottom) / 2})">${escape(unit)}</text>`
    );
    if (goal) {
        parts.push(
            `<line x1="${x0 + M.left}" x2="${x0 + W - M.right}" y1="${py(goal.value)}" y2="${py(goal.value)}" stroke="#c23934" stroke-dasharray="2 3"/>`,
            `<text x="${x0 + W - M.right}" y="${py(goal.value) - 4}" text-anchor="end" fill="#c23934">${escape(goal.label)}</text>`
        );
    }
    for (const s of series) {
        const d = s.points
            .map(([c, v], i) => `${i ? 'L' : 'M'}${px(c).toFixed(1)},${py(v).toFixed(1)}`)
            .join(' ');
        parts.push(
            `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
            ...s.points.map(
                ([c, v]) =>
                    `<circle cx="${px(c).toFixed(1)}" cy="${py(v).toFixed(1)}" r="3" fill="${s.color}"><title>${escape(`${s.name}, ${c} clients: ${v} ${unit}`)}</title></circle>`
            )
        );
    }
    return parts.join('\n');
}

/** Claims/s (HTTP and in-process) and p99 (HTTP and in-process) against 10, 25, 50 clients. */
export function claimsChart(http: ChartPoint[], inProcess: ChartPoint[], date: string): string {
    const clients = http.map((p) => p.clients);
    const left = panel(
        0,
        'Claims per second',
        'claims/s',
        [
            {
                name: 'HTTP (jsforce)',
                color: '#0b5cab',
                dashed: false,
                points: http.map((p) => [p.clients, p.claimsPerSecond])
            },
            {
                name: 'in-process',
                color: '#706e6b',
                dashed: true,
                points: inProcess.map((p) => [p.clients, p.claimsPerSecond])
            }
        ],
        clients,
        { value: 1000, label: 'goal 1,000' }
    );
    const right = panel(
        W,
        'p99 latency of a claim',
        'ms',
        [
            {
                name: 'HTTP (jsforce)',
                color: '#0b5cab',
                dashed: false,
                points: http.map((p) => [p.clients, p.p99Ms])
            },
            {
                name: 'in-process',
                color: '#706e6b',
                dashed: true,
                points: inProcess.map((p) => [p.clients, p.p99Ms])
            }
        ],
        clients,
        { value: 100, label: 'goal 100 ms' }
    );
    const legendY = H + 14;
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 24}" viewBox="0 0 ${2 * W} ${H + 24}" font-family="Helvetica, Arial, sans-serif" font-size="11" fill="#181818" role="img" aria-label="Claim race: claims per second and p99 latency against concurrent clients">
<rect width="100%" height="100%" fill="#ffffff"/>
${left}
${right}
<line x1="${M.left}" x2="${M.left + 24}" y1="${legendY}" y2="${legendY}" stroke="#0b5cab" stroke-width="2"/>
<text x="${M.left + 30}" y="${legendY + 4}">HTTP: jsforce clients → server process</text>
<line x1="${W + M.left}" x2="${W + M.left + 24}" y1="${legendY}" y2="${legendY}" stroke="#706e6b" stroke-width="2" stroke-dasharray="6 4"/>
<text x="${W + M.left + 30}" y="${legendY + 4}">in-process service, ${escape(date)}</text>
</svg>
`;
}
