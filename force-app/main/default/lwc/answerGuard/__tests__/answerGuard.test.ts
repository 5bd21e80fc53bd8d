import { AnswerGuard } from 'c/answerGuard';

describe('c/answerGuard', () => {
    it('keeps a ticket current until the list starts over', () => {
        const answers = new AnswerGuard();
        const first = answers.restart();
        const refresh = answers.ticket();
        expect(refresh).toBe(first);
        expect(answers.isCurrent(first)).toBe(true);

        const second = answers.restart();
        expect(answers.isCurrent(first)).toBe(false);
        expect(answers.isCurrent(refresh)).toBe(false);
        expect(answers.isCurrent(second)).toBe(true);
        expect(answers.ticket()).toBe(second);
    });
});
