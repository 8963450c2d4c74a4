-- Reconstruction kernel (0018,1210) of a series: readers choose between a lung (sharp) and a soft-tissue series by it.
-- Series imported before this version keep '' until they are imported again.
ALTER TABLE series ADD COLUMN convolution_kernel TEXT NOT NULL DEFAULT '';
