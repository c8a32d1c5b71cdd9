export type BlockerMode = 'create' | 'edit' | 'note' | 'close';
